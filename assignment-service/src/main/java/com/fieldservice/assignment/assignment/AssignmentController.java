package com.fieldservice.assignment.assignment;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fieldservice.assignment.idempotency.StoredResponse;

/**
 * The AssignJob API: create an assignment for a job, read it back, list a job's
 * assignments.
 */
@RestController
@Validated
class AssignmentController {

	private final IdempotentAssignments idempotentAssignments;

	private final AssignmentService assignments;

	AssignmentController(IdempotentAssignments idempotentAssignments, AssignmentService assignments) {
		this.idempotentAssignments = idempotentAssignments;
		this.assignments = assignments;
	}

	@PostMapping(path = "/api/jobs/{jobId}/assignments", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> assign(@PathVariable String jobId, @Valid @RequestBody NewAssignment request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
			java.security.Principal principal) {
		String caller = principal != null ? principal.getName() : "anonymous";
		StoredResponse response = idempotentAssignments.assign(jobId, request, caller, idempotencyKey);
		var builder = ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON);
		if (response.location() != null) {
			builder.location(URI.create(response.location()));
		}
		return builder.body(response.body());
	}

	@GetMapping("/api/assignments/{id}")
	Assignment assignment(@PathVariable UUID id) {
		return assignments.find(id);
	}

	@PostMapping("/api/assignments/{id}/cancel")
	Assignment cancel(@PathVariable UUID id) {
		return assignments.cancel(id);
	}

	@GetMapping("/api/jobs/{jobId}/assignments")
	List<Assignment> jobAssignments(@PathVariable String jobId) {
		return assignments.findByJob(jobId);
	}

}
