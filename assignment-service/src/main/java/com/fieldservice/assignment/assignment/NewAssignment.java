package com.fieldservice.assignment.assignment;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fieldservice.assignment.web.Identifier;

/**
 * The body of {@code POST /api/jobs/{jobId}/assignments}.
 *
 * @param contractorId who does the job
 * @param scheduledTimeSlot when; its time zone defaults to the job's
 * @param assignedBy who assigns: the caller's own id (the token's subject), which is also
 * the default
 */
public record NewAssignment(@Identifier String contractorId, @NotNull @Valid TimeSlot scheduledTimeSlot,
		@Pattern(regexp = Identifier.PATTERN,
				message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String assignedBy) {

	/**
	 * A half-open interval [start, end) shown in {@code timeZone}, an IANA time zone.
	 */
	public record TimeSlot(@NotNull Instant start, @NotNull Instant end,
			@Pattern(regexp = "[A-Za-z0-9/_+-]{1,64}", message = "must name an IANA time zone") String timeZone) {
	}

}
