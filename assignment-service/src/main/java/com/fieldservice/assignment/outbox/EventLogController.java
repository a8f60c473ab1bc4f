package com.fieldservice.assignment.outbox;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Read access to the EventLog, linked from the dispatcher dashboard. */
@RestController
class EventLogController {

	private final EventLog eventLog;

	EventLogController(EventLog eventLog) {
		this.eventLog = eventLog;
	}

	@GetMapping("/api/events/{eventId}")
	EventLogEntry event(@PathVariable UUID eventId) {
		return eventLog.find(eventId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No event with id " + eventId));
	}

}
