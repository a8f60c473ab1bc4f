package com.fieldservice.streams.routing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

import com.fieldservice.events.AssignmentCancelled;
import com.fieldservice.events.JobAssigned;

/**
 * What routing reads of an assignment event, whichever its type: the event types of
 * {@link com.fieldservice.schemas.Topics#ASSIGNMENT_EVENTS} share these fields.
 *
 * @param type the record's simple name, as routing receipts name it
 */
record RoutedEvent(String type, UUID eventId, String jobId, String contractorId, List<String> dispatchGroups) {

	/** The event {@code value} is, or empty when it is not an assignment event. */
	static Optional<RoutedEvent> of(Object value) {
		return switch (value) {
			case JobAssigned assigned -> Optional.of(new RoutedEvent("JobAssigned", assigned.getEventId(),
					assigned.getJobId(), assigned.getContractorId(), assigned.getDispatchGroups()));
			case AssignmentCancelled cancelled ->
				Optional.of(new RoutedEvent("AssignmentCancelled", cancelled.getEventId(), cancelled.getJobId(),
						cancelled.getContractorId(), cancelled.getDispatchGroups()));
			case null, default -> Optional.empty();
		};
	}

	/** The event of a record that the parser accepted. */
	static RoutedEvent of(SpecificRecord accepted) {
		return of((Object) accepted)
			.orElseThrow(() -> new IllegalArgumentException("Not an assignment event: " + accepted.getSchema()));
	}

}
