package com.fieldservice.assignment.assignment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fieldservice.assignment.AssignmentProperties;
import com.fieldservice.assignment.outbox.EventLog;
import com.fieldservice.assignment.reference.Job;
import com.fieldservice.assignment.reference.ReferenceDataRepository;
import com.fieldservice.assignment.security.Caller;
import com.fieldservice.assignment.web.TimeZones;

/**
 * Assigns jobs and cancels assignments: validates the request, stores the change and its
 * event (JobAssigned, AssignmentCancelled) in one transaction. It never talks to Kafka,
 * so a broker outage cannot fail or slow an assignment.
 *
 * <p>
 * Who may do what: a dispatcher assigns, cancels and reads the assignments of jobs of its
 * dispatch groups; a contractor reads its own assignments; an admin reads all. Anything
 * else is answered as if it did not exist (404), so a caller cannot learn what other
 * groups hold.
 */
@Service
public class AssignmentService {

	private static final Logger log = LoggerFactory.getLogger(AssignmentService.class);

	private final ReferenceDataRepository referenceData;

	private final AssignmentRepository assignments;

	private final EventLog eventLog;

	/**
	 * Slots lie within years every consumer of the event can write and read (JSON's
	 * four-digit years, Postgres, Avro's milliseconds).
	 */
	static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private final Duration maxSlotLength;

	AssignmentService(ReferenceDataRepository referenceData, AssignmentRepository assignments, EventLog eventLog,
			AssignmentProperties properties) {
		this.referenceData = referenceData;
		this.assignments = assignments;
		this.eventLog = eventLog;
		this.maxSlotLength = properties.maxSlotLength();
	}

	@Transactional
	public Assignment assign(String jobId, NewAssignment request, Caller caller) {
		var found = referenceData.findJobAndContractor(jobId, request.contractorId());
		Job job = found.job()
			.filter((candidate) -> caller.dispatches(candidate.dispatchGroups()))
			.orElseThrow(() -> AssignmentRejected.notFound("job", jobId));
		if (request.assignedBy() != null && !request.assignedBy().equals(caller.subject())) {
			throw AssignmentRejected.forbidden(
					"assignedBy names who assigns: " + caller.subject() + ", the token's subject, or leave it out");
		}
		var contractor = found.contractor()
			.orElseThrow(() -> AssignmentRejected.notFound("contractor", request.contractorId()));
		var slot = validSlot(request.scheduledTimeSlot(), job);
		String assignedBy = caller.subject();
		// Millisecond precision: what Avro's timestamp-millis carries, so API, table and
		// event agree.
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		var assignment = new Assignment(UUID.randomUUID(), job.id(), contractor.id(), slot, assignedBy, "ACTIVE",
				UUID.randomUUID(), now);
		insert(assignment);
		eventLog.append(JobAssignedEvent.TYPE, JobAssignedEvent.of(assignment, job, contractor));
		// The line carries the request's trace id: from it an operator finds the
		// event's records and frames.
		log.info("Job {} assigned to contractor {} by {}: assignment {}, event {}", job.id(), contractor.id(),
				assignedBy, assignment.id(), assignment.eventId());
		return assignment;
	}

	/**
	 * Cancels an active assignment of a job the caller dispatches, freeing the job and
	 * the contractor's slot, and tells the job's dispatchers and the contractor
	 * (AssignmentCancelled).
	 */
	@Transactional
	public Assignment cancel(UUID id, Caller caller) {
		Assignment assignment = assignments.find(id)
			.orElseThrow(() -> AssignmentRejected.notFound("assignment", id.toString()));
		List<String> groups = groupsOf(assignment.jobId());
		if (!caller.dispatches(groups)) {
			throw AssignmentRejected.notFound("assignment", id.toString());
		}
		// The conditional update is the only check that counts: of two concurrent
		// cancels, one changes the row and writes the event, the other gets 409.
		if (!assignments.cancel(id)) {
			throw AssignmentRejected.conflict("Assignment not active", "Assignment " + id + " is not active");
		}
		var event = AssignmentCancelledEvent.of(assignment, groups, caller.subject(),
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
		eventLog.append(AssignmentCancelledEvent.TYPE, event);
		log.info("Assignment {} of job {} cancelled by {}: event {}", id, assignment.jobId(), caller.subject(),
				event.eventId());
		return assignments.find(assignment.id()).orElseThrow();
	}

	/** An assignment the caller may see. */
	@Transactional(readOnly = true)
	public Assignment find(UUID id, Caller caller) {
		return assignments.find(id)
			.filter((found) -> caller.sees(groupsOf(found.jobId()), found.contractorId()))
			.orElseThrow(() -> AssignmentRejected.notFound("assignment", id.toString()));
	}

	/**
	 * The assignments of a job the caller may see: all of them for an admin or a
	 * dispatcher of the job, a contractor's own; none visible is an unknown job.
	 */
	@Transactional(readOnly = true)
	public List<Assignment> findByJob(String jobId, Caller caller) {
		Job job = referenceData.findJob(jobId).orElseThrow(() -> AssignmentRejected.notFound("job", jobId));
		List<Assignment> visible = assignments.findByJob(jobId)
			.stream()
			.filter((assignment) -> caller.sees(job.dispatchGroups(), assignment.contractorId()))
			.toList();
		if (visible.isEmpty() && !caller.isAdmin() && !caller.dispatches(job.dispatchGroups())) {
			throw AssignmentRejected.notFound("job", jobId);
		}
		return visible;
	}

	private List<String> groupsOf(String jobId) {
		return referenceData.findJob(jobId).map(Job::dispatchGroups).orElse(List.of());
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
		if (slot.start().isBefore(EARLIEST) || slot.end().isAfter(LATEST)) {
			throw AssignmentRejected.badSlot("The slot must lie between " + EARLIEST + " and " + LATEST);
		}
		String zone = slot.timeZone() != null ? slot.timeZone() : job.timeZone();
		if (!TimeZones.isIana(zone)) {
			throw AssignmentRejected
				.badSlot("Unknown time zone " + zone + ": name an IANA time zone such as " + "Europe/Berlin, or UTC");
		}
		return new NewAssignment.TimeSlot(slot.start().truncatedTo(ChronoUnit.MILLIS),
				slot.end().truncatedTo(ChronoUnit.MILLIS), zone);
	}

}
