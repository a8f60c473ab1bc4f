package com.fieldservice.streams.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fieldservice.events.AssignmentCancelled;
import com.fieldservice.events.JobAssigned;
import com.fieldservice.events.JobDetails;
import com.fieldservice.events.ServiceAddress;
import com.fieldservice.events.TimeSlot;

/**
 * Builds valid JobAssigned events for tests; each method changes the one thing a test is
 * about.
 */
final class JobAssignedTestData {

	private UUID eventId = UUID.randomUUID();

	private String jobId = "J-100";

	private String contractorId = "C-1";

	private List<String> dispatchGroups = List.of("north");

	private Instant slotStart = Instant.parse("2030-05-06T09:00:00Z");

	private Instant slotEnd = this.slotStart.plus(Duration.ofHours(2));

	private JobAssignedTestData() {
	}

	static JobAssignedTestData aJobAssigned() {
		return new JobAssignedTestData();
	}

	JobAssignedTestData withEventId(String eventId) {
		this.eventId = UUID.fromString(eventId);
		return this;
	}

	JobAssignedTestData forJob(String jobId) {
		this.jobId = jobId;
		return this;
	}

	JobAssignedTestData forContractor(String contractorId) {
		this.contractorId = contractorId;
		return this;
	}

	JobAssignedTestData inGroups(String... dispatchGroups) {
		this.dispatchGroups = List.of(dispatchGroups);
		return this;
	}

	JobAssignedTestData scheduled(Instant start, Instant end) {
		this.slotStart = start;
		this.slotEnd = end;
		return this;
	}

	JobAssigned build() {
		return JobAssigned.newBuilder()
			.setEventId(this.eventId)
			.setJobId(this.jobId)
			.setAssignmentId("A-" + this.jobId)
			.setContractorId(this.contractorId)
			.setContractorName("Contractor " + this.contractorId)
			.setScheduledTimeSlot(new TimeSlot(this.slotStart, this.slotEnd, "Europe/Berlin"))
			.setOccurredAt(Instant.parse("2030-05-01T08:00:00Z"))
			.setJob(new JobDetails("Fix the boiler", "HVAC_REPAIR",
					new ServiceAddress("Hauptstr. 1", "Berlin", "10115", null, "DE")))
			.setDispatchGroups(this.dispatchGroups)
			.setAssignedBy("dispatcher-7")
			.build();
	}

	/** The cancellation of {@code assigned}, by the dispatcher who made it. */
	static AssignmentCancelled aCancellationOf(JobAssigned assigned) {
		return AssignmentCancelled.newBuilder()
			.setEventId(UUID.randomUUID())
			.setJobId(assigned.getJobId())
			.setAssignmentId(assigned.getAssignmentId())
			.setAssignedEventId(assigned.getEventId())
			.setContractorId(assigned.getContractorId())
			.setDispatchGroups(assigned.getDispatchGroups())
			.setOccurredAt(assigned.getOccurredAt().plusSeconds(60))
			.setCancelledBy(assigned.getAssignedBy())
			.build();
	}

}
