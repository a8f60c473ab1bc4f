package com.fieldservice.assignment.assignment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

import com.fieldservice.assignment.outbox.DomainEvent;
import com.fieldservice.events.AssignmentCancelled;

/**
 * The domain event of a cancelled assignment: what the EventLog stores (as JSON) and the
 * relay publishes (as the Avro {@link AssignmentCancelled}), keyed by jobId like the
 * JobAssigned it ends, so that every consumer reads it after that one.
 */
public record AssignmentCancelledEvent(UUID eventId, String jobId, UUID assignmentId, UUID assignedEventId,
		String contractorId, List<String> dispatchGroups, Instant occurredAt,
		String cancelledBy) implements DomainEvent {

	public static final String TYPE = "AssignmentCancelled";

	static AssignmentCancelledEvent of(Assignment assignment, List<String> dispatchGroups, String cancelledBy,
			Instant occurredAt) {
		return new AssignmentCancelledEvent(UUID.randomUUID(), assignment.jobId(), assignment.id(),
				assignment.eventId(), assignment.contractorId(), List.copyOf(dispatchGroups), occurredAt, cancelledBy);
	}

	@Override
	public String aggregateId() {
		return jobId;
	}

	@Override
	public SpecificRecord toAvro() {
		return AssignmentCancelled.newBuilder()
			.setEventId(eventId)
			.setJobId(jobId)
			.setAssignmentId(assignmentId.toString())
			.setAssignedEventId(assignedEventId)
			.setContractorId(contractorId)
			.setDispatchGroups(dispatchGroups)
			.setOccurredAt(occurredAt)
			.setCancelledBy(cancelledBy)
			.build();
	}

}
