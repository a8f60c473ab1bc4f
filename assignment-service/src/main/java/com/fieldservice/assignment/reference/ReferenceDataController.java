package com.fieldservice.assignment.reference;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.fieldservice.assignment.security.Caller;
import com.fieldservice.assignment.web.Identifier;
import com.fieldservice.assignment.web.TimeZones;

/**
 * Endpoints to create and read the reference data: jobs, contractors and dispatch groups.
 * An admin creates them and reads all; a dispatcher reads the jobs and groups of its own
 * groups and every contractor (to assign them); a contractor reads itself and the jobs it
 * is assigned to. What a caller may not see is answered as unknown (404).
 */
@RestController
@RequestMapping("/api")
class ReferenceDataController {

	private final ReferenceDataRepository repository;

	ReferenceDataController(ReferenceDataRepository repository) {
		this.repository = repository;
	}

	@PostMapping("/jobs")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiResponse(responseCode = "409", description = "The id is taken",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
	@ApiResponse(responseCode = "422", description = "A dispatch group that does not exist",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
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
	Job job(@PathVariable @Identifier String id, Caller caller) {
		return repository.findJob(id)
			.filter((job) -> caller.isAdmin() || caller.dispatches(job.dispatchGroups())
					|| (caller.role() == Caller.Role.CONTRACTOR && repository.isAssigned(id, caller.subject())))
			.orElseThrow(() -> notFound("job", id));
	}

	@PostMapping("/contractors")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiResponse(responseCode = "409", description = "The id is taken",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
	ResponseEntity<Contractor> createContractor(@Valid @RequestBody Contractor contractor) {
		requireCreated(repository.insertContractor(contractor), "contractor", contractor.id());
		return ResponseEntity.created(URI.create("/api/contractors/" + contractor.id())).body(contractor);
	}

	@GetMapping("/contractors/{id}")
	Contractor contractor(@PathVariable @Identifier String id, Caller caller) {
		return repository.findContractor(id)
			.filter((contractor) -> caller.role() != Caller.Role.CONTRACTOR || caller.isContractor(id))
			.orElseThrow(() -> notFound("contractor", id));
	}

	@PostMapping("/dispatch-groups")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiResponse(responseCode = "409", description = "The id is taken",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
	ResponseEntity<DispatchGroup> createGroup(@Valid @RequestBody DispatchGroup group) {
		requireCreated(repository.insertGroup(group), "dispatch group", group.id());
		return ResponseEntity.created(URI.create("/api/dispatch-groups/" + group.id())).body(group);
	}

	/** All groups for an admin; a dispatcher's own groups. */
	@GetMapping("/dispatch-groups")
	List<DispatchGroup> groups(Caller caller) {
		return repository.findGroups()
			.stream()
			.filter((group) -> caller.isAdmin() || caller.groups().contains(group.id()))
			.toList();
	}

	private static void requireZone(String zone) {
		if (!TimeZones.isIana(zone)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Unknown time zone " + zone + ": name an IANA time zone such as Europe/Berlin, or UTC");
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
