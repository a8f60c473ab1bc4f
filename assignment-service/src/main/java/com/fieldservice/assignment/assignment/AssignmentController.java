package com.fieldservice.assignment.assignment;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fieldservice.assignment.idempotency.StoredResponse;
import com.fieldservice.assignment.security.Caller;
import com.fieldservice.assignment.web.Identifier;

/**
 * The AssignJob API: create an assignment for a job, cancel it, read it back, list a
 * job's assignments; each for the callers who may (see {@link AssignmentService}). Spring
 * MVC checks the constraints on the parameters itself; a class-level {@code @Validated}
 * would check them again through a proxy, a tenth of a POST's CPU.
 */
@RestController
class AssignmentController {

	/**
	 * An Idempotency-Key: 1 to 128 visible ASCII characters but the comma (a UUID fits).
	 * Two headers reach the controller joined by a comma: that is refused, not taken as
	 * one key.
	 */
	static final String IDEMPOTENCY_KEY = "[\\x21-\\x2B\\x2D-\\x7E]{1,128}";

	private final IdempotentAssignments idempotentAssignments;

	private final AssignmentService assignments;

	AssignmentController(IdempotentAssignments idempotentAssignments, AssignmentService assignments) {
		this.idempotentAssignments = idempotentAssignments;
		this.assignments = assignments;
	}

	@PostMapping(path = "/api/jobs/{jobId}/assignments", produces = MediaType.APPLICATION_JSON_VALUE)
	@ApiResponse(responseCode = "201",
			description = "Assigned; the same answer again for a retry with the same Idempotency-Key",
			headers = @Header(name = "Location", schema = @Schema(type = "string")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Assignment.class)))
	@ApiResponse(responseCode = "409",
			description = "The job or the contractor's slot is taken, or the "
					+ "Idempotency-Key was used for another request",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
	ResponseEntity<String> assign(@PathVariable @Identifier String jobId, @Valid @RequestBody NewAssignment request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Pattern(regexp = IDEMPOTENCY_KEY,
					message = "must be one key of 1 to 128 visible ASCII characters, no comma") String idempotencyKey,
			Caller caller) {
		StoredResponse response = idempotentAssignments.assign(jobId, request, caller, idempotencyKey);
		var builder = ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON);
		if (response.location() != null) {
			builder.location(URI.create(response.location()));
		}
		return builder.body(response.body());
	}

	@GetMapping("/api/assignments/{id}")
	Assignment assignment(@PathVariable UUID id, Caller caller) {
		return assignments.find(id, caller);
	}

	@PostMapping("/api/assignments/{id}/cancel")
	Assignment cancel(@PathVariable UUID id, Caller caller) {
		return assignments.cancel(id, caller);
	}

	@GetMapping("/api/jobs/{jobId}/assignments")
	List<Assignment> jobAssignments(@PathVariable @Identifier String jobId, Caller caller) {
		return assignments.findByJob(jobId, caller);
	}

}
