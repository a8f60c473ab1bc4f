package com.fieldservice.assignment.assignment;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fieldservice.assignment.AssignmentProperties;
import com.fieldservice.assignment.outbox.EventLog;
import com.fieldservice.assignment.reference.Job;
import com.fieldservice.assignment.reference.ReferenceDataRepository;

/**
 * Assigns jobs: validates the request, stores the assignment and its JobAssigned event in
 * one transaction. It never talks to Kafka, so a broker outage cannot fail or slow an
 * assignment.
 */
@Service
public class AssignmentService {

	private final ReferenceDataRepository referenceData;

	private final AssignmentRepository assignments;

	private final EventLog eventLog;

	private final Duration maxSlotLength;

	AssignmentService(ReferenceDataRepository referenceData, AssignmentRepository assignments, EventLog eventLog,
			AssignmentProperties properties) {
		this.referenceData = referenceData;
		this.assignments = assignments;
		this.eventLog = eventLog;
		this.maxSlotLength = properties.maxSlotLength();
	}

	@Transactional
	public Assignment assign(String jobId, NewAssignment request, String caller) {
		Job job = referenceData.findJob(jobId).orElseThrow(() -> AssignmentRejected.notFound("job", jobId));
		var contractor = referenceData.findContractor(request.contractorId())
			.orElseThrow(() -> AssignmentRejected.notFound("contractor", request.contractorId()));
		var slot = validSlot(request.scheduledTimeSlot(), job);
		String assignedBy = request.assignedBy() != null ? request.assignedBy() : caller;
		// Millisecond precision: what Avro's timestamp-millis carries, so API, table and
		// event agree.
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		var assignment = new Assignment(UUID.randomUUID(), job.id(), contractor.id(), slot, assignedBy, "ACTIVE",
				UUID.randomUUID(), now);
		insert(assignment);
		eventLog.append(JobAssignedEvent.TYPE, JobAssignedEvent.of(assignment, job, contractor));
		return assignment;
	}

	/** Cancels an active assignment, freeing the job and the contractor's slot. */
	@Transactional
	public Assignment cancel(UUID id) {
		if (!assignments.cancel(id)) {
			find(id);
			throw AssignmentRejected.conflict("Assignment not active", "Assignment " + id + " is not active");
		}
		return find(id);
	}

	@Transactional(readOnly = true)
	public Assignment find(UUID id) {
		return assignments.find(id).orElseThrow(() -> AssignmentRejected.notFound("assignment", id.toString()));
	}

	@Transactional(readOnly = true)
	public List<Assignment> findByJob(String jobId) {
		referenceData.findJob(jobId).orElseThrow(() -> AssignmentRejected.notFound("job", jobId));
		return assignments.findByJob(jobId);
	}

	private void insert(Assignment assignment) {
		try {
			assignments.insert(assignment);
		}
		catch (DataIntegrityViolationException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.contains("assignment_one_active_per_job")) {
				throw AssignmentRejected.conflict("Job already assigned",
						"Job " + assignment.jobId() + " already has an active assignment");
			}
			if (message.contains("assignment_no_double_booking")) {
				throw AssignmentRejected.conflict("Contractor double-booked", "Contractor " + assignment.contractorId()
						+ " already has an assignment overlapping this time slot");
			}
			throw ex;
		}
	}

	private NewAssignment.TimeSlot validSlot(NewAssignment.TimeSlot slot, Job job) {
		if (!slot.end().isAfter(slot.start())) {
			throw AssignmentRejected
				.badSlot("The slot must end after it starts (got " + slot.start() + " to " + slot.end() + ")");
		}
		if (Duration.between(slot.start(), slot.end()).compareTo(maxSlotLength) > 0) {
			throw AssignmentRejected
				.badSlot("The slot is longer than the maximum of " + maxSlotLength.toHours() + " hours");
		}
		String zone = slot.timeZone() != null ? slot.timeZone() : job.timeZone();
		try {
			ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw AssignmentRejected.badSlot("Unknown time zone " + zone);
		}
		return new NewAssignment.TimeSlot(slot.start().truncatedTo(ChronoUnit.MILLIS),
				slot.end().truncatedTo(ChronoUnit.MILLIS), zone);
	}

}
