package com.fieldservice.assignment.assignment;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/jobs/{jobId}/assignments}.
 *
 * @param contractorId who does the job
 * @param scheduledTimeSlot when; its time zone defaults to the job's
 * @param assignedBy who assigns; defaults to the caller's identity
 */
public record NewAssignment(@NotBlank @Size(max = 64) String contractorId, @NotNull @Valid TimeSlot scheduledTimeSlot,
		@Size(max = 64) String assignedBy) {

	/** A half-open interval [start, end) shown in {@code timeZone}. */
	public record TimeSlot(@NotNull Instant start, @NotNull Instant end, @Size(max = 64) String timeZone) {
	}

}
