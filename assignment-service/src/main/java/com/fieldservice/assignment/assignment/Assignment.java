package com.fieldservice.assignment.assignment;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored assignment, as the API returns it; {@code eventId} names its JobAssigned
 * event.
 */
public record Assignment(UUID id, String jobId, String contractorId, NewAssignment.TimeSlot scheduledTimeSlot,
		String assignedBy, String status, UUID eventId, Instant createdAt) {
}
