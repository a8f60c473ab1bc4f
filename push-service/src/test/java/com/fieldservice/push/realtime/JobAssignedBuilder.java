package com.fieldservice.push.realtime;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.events.JobDetails;
import com.fieldservice.events.ServiceAddress;
import com.fieldservice.events.TimeSlot;

/**
 * Test data: a valid JobAssigned (job J-1001 for contractor C-7 in group north), changed
 * where a test cares.
 */
public final class JobAssignedBuilder {

	private UUID eventId = UUID.fromString("7f9c2b1e-4d3a-4c5b-9e8f-0a1b2c3d4e5f");

	private String contractorId = "C-7";

	private List<String> groups = List.of("north");

	private String region;

	private JobAssignedBuilder() {
	}

	public static JobAssignedBuilder aJobAssigned() {
		return new JobAssignedBuilder();
	}

	public JobAssignedBuilder withEventId(UUID eventId) {
		this.eventId = eventId;
		return this;
	}

	public JobAssignedBuilder forContractor(String contractorId) {
		this.contractorId = contractorId;
		return this;
	}

	public JobAssignedBuilder inGroups(String... groups) {
		this.groups = List.of(groups);
		return this;
	}

	public JobAssignedBuilder inRegion(String region) {
		this.region = region;
		return this;
	}

	public JobAssigned build() {
		return JobAssigned.newBuilder()
			.setEventId(eventId)
			.setJobId("J-1001")
			.setAssignmentId("A-42")
			.setContractorId(contractorId)
			.setContractorName("Ada Lovelace Plumbing")
			.setScheduledTimeSlot(new TimeSlot(Instant.parse("2030-01-07T09:00:00Z"),
					Instant.parse("2030-01-07T11:00:00Z"), "Europe/Berlin"))
			.setOccurredAt(Instant.parse("2030-01-06T15:04:05.123Z"))
			.setJob(new JobDetails("Replace water heater", "PLUMBING",
					new ServiceAddress("1 Main Street", "Berlin", "10115", region, "DE")))
			.setDispatchGroups(groups)
			.setAssignedBy("D-1")
			.build();
	}

}
