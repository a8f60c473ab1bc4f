package com.fieldservice.push.realtime;

import java.time.Instant;
import java.util.List;

import com.fieldservice.events.AssignmentCancelled;

/**
 * An AssignmentCancelled as clients see it in JSON: the Avro record's fields, instants as
 * ISO-8601 UTC strings.
 */
record AssignmentCancelledJson(String eventId, String jobId, String assignmentId, String assignedEventId,
		String contractorId, List<String> dispatchGroups, Instant occurredAt, String cancelledBy) {

	static AssignmentCancelledJson from(AssignmentCancelled event) {
		return new AssignmentCancelledJson(event.getEventId().toString(), event.getJobId(), event.getAssignmentId(),
				event.getAssignedEventId().toString(), event.getContractorId(), List.copyOf(event.getDispatchGroups()),
				event.getOccurredAt(), event.getCancelledBy());
	}

}
