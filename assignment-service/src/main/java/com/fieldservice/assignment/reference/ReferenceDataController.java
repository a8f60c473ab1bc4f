package com.fieldservice.assignment.reference;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Endpoints to create and read the reference data: jobs, contractors and dispatch groups.
 */
@RestController
@RequestMapping("/api")
class ReferenceDataController {

	private final ReferenceDataRepository repository;

	ReferenceDataController(ReferenceDataRepository repository) {
		this.repository = repository;
	}

	@PostMapping("/jobs")
	ResponseEntity<Job> createJob(@Valid @RequestBody Job job) {
		requireZone(job.timeZone());
		if (!repository.groupsExist(job.dispatchGroups())) {
			throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
					"Unknown dispatch group in " + job.dispatchGroups());
		}
		requireCreated(repository.insertJob(job), "job", job.id());
		return ResponseEntity.created(URI.create("/api/jobs/" + job.id())).body(job);
	}

	@GetMapping("/jobs/{id}")
	Job job(@PathVariable String id) {
		return repository.findJob(id).orElseThrow(() -> notFound("job", id));
	}

	@PostMapping("/contractors")
	ResponseEntity<Contractor> createContractor(@Valid @RequestBody Contractor contractor) {
		requireCreated(repository.insertContractor(contractor), "contractor", contractor.id());
		return ResponseEntity.created(URI.create("/api/contractors/" + contractor.id())).body(contractor);
	}

	@GetMapping("/contractors/{id}")
	Contractor contractor(@PathVariable String id) {
		return repository.findContractor(id).orElseThrow(() -> notFound("contractor", id));
	}

	@PostMapping("/dispatch-groups")
	ResponseEntity<DispatchGroup> createGroup(@Valid @RequestBody DispatchGroup group) {
		requireCreated(repository.insertGroup(group), "dispatch group", group.id());
		return ResponseEntity.created(URI.create("/api/dispatch-groups/" + group.id())).body(group);
	}

	@GetMapping("/dispatch-groups")
	List<DispatchGroup> groups() {
		return repository.findGroups();
	}

	private static void requireZone(String zone) {
		try {
			ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown time zone " + zone);
		}
	}

	private static void requireCreated(boolean created, String what, String id) {
		if (!created) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "A " + what + " with id " + id + " exists");
		}
	}

	private static ResponseStatusException notFound(String what, String id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + what + " with id " + id);
	}

}
