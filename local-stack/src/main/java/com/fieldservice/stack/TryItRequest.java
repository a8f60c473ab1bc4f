package com.fieldservice.stack;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The example assignment the run command suggests: a demo job of group {@code north} that
 * has no active assignment yet, for contractor C-7 on a slot after their last one, so it
 * is accepted on every run rather than answering 409 once data has survived a restart.
 *
 * @param jobId the job to assign
 * @param slotStart the start of a free two-hour slot of C-7
 */
record TryItRequest(String jobId, Instant slotStart) {

	static final String CONTRACTOR = "C-7";

	private static final Instant FIRST_SLOT = Instant.parse("2030-01-07T09:00:00Z");

	private static final TryItRequest DEFAULT = new TryItRequest("J-1001", FIRST_SLOT);

	static TryItRequest find(PostgresServer postgres) {
		try (var connection = DriverManager.getConnection(postgres.jdbcUrl("assignments"), "postgres", "postgres");
				var statement = connection.createStatement()) {
			String jobId = DEFAULT.jobId();
			try (var rows = statement.executeQuery("""
					SELECT j.id FROM job j JOIN job_dispatch_group g ON g.job_id = j.id AND g.group_id = 'north'
					WHERE NOT EXISTS (SELECT 1 FROM assignment a WHERE a.job_id = j.id AND a.status = 'ACTIVE')
					ORDER BY j.id LIMIT 1""")) {
				if (rows.next()) {
					jobId = rows.getString(1);
				}
			}
			Instant start = FIRST_SLOT;
			try (var rows = statement.executeQuery("SELECT max(slot_end) FROM assignment WHERE contractor_id = '"
					+ CONTRACTOR + "' AND status = 'ACTIVE'")) {
				if (rows.next() && rows.getTimestamp(1) != null) {
					start = rows.getTimestamp(1).toInstant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
				}
			}
			return new TryItRequest(jobId, start.isBefore(FIRST_SLOT) ? FIRST_SLOT : start);
		}
		catch (SQLException ex) {
			return DEFAULT;
		}
	}

	Instant slotEnd() {
		return slotStart.plus(2, ChronoUnit.HOURS);
	}

}
