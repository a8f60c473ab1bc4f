package com.fieldservice.assignment.assignment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

import com.fieldservice.assignment.outbox.DomainEvent;
import com.fieldservice.assignment.reference.Contractor;
import com.fieldservice.assignment.reference.Job;
import com.fieldservice.events.JobAssigned;
import com.fieldservice.events.JobDetails;
import com.fieldservice.events.ServiceAddress;
import com.fieldservice.events.TimeSlot;

/**
 * The domain event of a new assignment: what the EventLog stores (as JSON) and the relay
 * publishes (as the Avro {@link JobAssigned}).
 */
public record JobAssignedEvent(UUID eventId, String jobId, UUID assignmentId, String contractorId,
		String contractorName, NewAssignment.TimeSlot scheduledTimeSlot, Instant occurredAt, Job job,
		String assignedBy) implements DomainEvent {

	public static final String TYPE = "JobAssigned";

	static JobAssignedEvent of(Assignment assignment, Job job, Contractor contractor) {
		return new JobAssignedEvent(assignment.eventId(), job.id(), assignment.id(), contractor.id(),
				contractor.displayName(), assignment.scheduledTimeSlot(), assignment.createdAt(), job,
				assignment.assignedBy());
	}

	@Override
	public String aggregateId() {
		return jobId;
	}

	@Override
	public List<String> dispatchGroups() {
		return job.dispatchGroups();
	}

	@Override
	public SpecificRecord toAvro() {
		var address = job.serviceAddress();
		return JobAssigned.newBuilder()
			.setEventId(eventId)
			.setJobId(jobId)
			.setAssignmentId(assignmentId.toString())
			.setContractorId(contractorId)
			.setContractorName(contractorName)
			.setScheduledTimeSlot(
					new TimeSlot(scheduledTimeSlot.start(), scheduledTimeSlot.end(), scheduledTimeSlot.timeZone()))
			.setOccurredAt(occurredAt)
			.setJob(new JobDetails(job.title(), job.jobType(),
					new ServiceAddress(address.street(), address.city(), address.postalCode(), address.region(),
							address.country())))
			.setDispatchGroups(List.copyOf(job.dispatchGroups()))
			.setAssignedBy(assignedBy)
			.build();
	}

}
