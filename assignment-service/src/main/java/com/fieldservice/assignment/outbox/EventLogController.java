package com.fieldservice.assignment.outbox;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.fieldservice.assignment.security.Caller;

/**
 * Read access to the EventLog, linked from the dispatcher dashboard: an entry for an
 * admin, the dispatchers of the event's groups and its contractor; unknown (404) to
 * everyone else.
 */
@RestController
class EventLogController {

	private final EventLog eventLog;

	EventLogController(EventLog eventLog) {
		this.eventLog = eventLog;
	}

	@GetMapping("/api/events/{eventId}")
	EventLogEntry event(@PathVariable UUID eventId, Caller caller) {
		return eventLog.find(eventId)
			.filter((entry) -> caller.sees(entry.audience().dispatchGroups(), entry.audience().contractorId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No event with id " + eventId));
	}

}
