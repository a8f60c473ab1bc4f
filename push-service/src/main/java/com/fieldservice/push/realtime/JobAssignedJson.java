package com.fieldservice.push.realtime;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fieldservice.events.JobAssigned;

/**
 * A JobAssigned as clients see it in JSON: the Avro record's fields, instants as ISO-8601
 * UTC strings, and an explicit {@code null} region when the address has none.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record JobAssignedJson(String eventId, String jobId, String assignmentId, String contractorId, String contractorName,
		TimeSlot scheduledTimeSlot, Instant occurredAt, Job job, List<String> dispatchGroups, String assignedBy) {

	static JobAssignedJson from(JobAssigned event) {
		var slot = event.getScheduledTimeSlot();
		var job = event.getJob();
		var address = job.getServiceAddress();
		return new JobAssignedJson(event.getEventId().toString(), event.getJobId(), event.getAssignmentId(),
				event.getContractorId(), event.getContractorName(),
				new TimeSlot(slot.getStart(), slot.getEnd(), slot.getTimeZone()), event.getOccurredAt(),
				new Job(job.getTitle(), job.getJobType(),
						new ServiceAddress(address.getStreet(), address.getCity(), address.getPostalCode(),
								address.getRegion(), address.getCountry())),
				List.copyOf(event.getDispatchGroups()), event.getAssignedBy());
	}

	record TimeSlot(Instant start, Instant end, String timeZone) {
	}

	record Job(String title, String jobType, ServiceAddress serviceAddress) {
	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record ServiceAddress(String street, String city, String postalCode, String region, String country) {
	}

}
