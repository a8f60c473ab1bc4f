package com.fieldservice.streams.routing;

import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.events.TimeSlot;

/**
 * The rules an event must meet before it is routed: anything that would leave a
 * recipient, a dedupe key or a time slot undefined.
 */
final class EventRules {

	private EventRules() {
	}

	/**
	 * Returns the first rule {@code event}, read from a record keyed {@code key}, breaks,
	 * as a sentence for the dead-letter reason header; empty when it breaks none.
	 */
	static Optional<String> violation(String key, SpecificRecord record) {
		RoutedEvent event = RoutedEvent.of(record);
		// A blank or malformed eventId never gets here: reading the uuid logical type
		// already fails.
		if (event.eventId() == null) {
			return Optional.of("eventId is missing");
		}
		if (isBlank(event.jobId()) || !event.jobId().equals(key)) {
			// Deduplication relies on every copy of an event sharing the partition its
			// jobId key picks.
			return Optional.of("record key '" + key + "' is not the event's jobId '" + event.jobId() + "'");
		}
		if (isBlank(event.contractorId())) {
			return Optional.of("contractorId is missing");
		}
		Optional<String> slot = (record instanceof JobAssigned assigned)
				? slotViolation(assigned.getScheduledTimeSlot()) : Optional.empty();
		return slot.or(() -> groupsViolation(event.dispatchGroups()));
	}

	private static Optional<String> slotViolation(TimeSlot slot) {
		if (slot == null || slot.getStart() == null || slot.getEnd() == null) {
			return Optional.of("scheduledTimeSlot is missing");
		}
		if (!slot.getEnd().isAfter(slot.getStart())) {
			return Optional.of("scheduledTimeSlot end " + slot.getEnd() + " is not after its start " + slot.getStart());
		}
		return Optional.empty();
	}

	private static Optional<String> groupsViolation(List<String> groups) {
		if (groups == null || groups.isEmpty()) {
			return Optional.of("dispatchGroups is empty");
		}
		if (groups.stream().anyMatch(EventRules::isBlank)) {
			return Optional.of("dispatchGroups contains a blank group");
		}
		return Optional.empty();
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
