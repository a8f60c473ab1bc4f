package com.fieldservice.assignment.assignment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Assignments in Postgres; the database's constraints decide double assignment and double
 * booking.
 */
@Repository
class AssignmentRepository {

	private static final String COLUMNS = "id, job_id, contractor_id, slot_start, slot_end, time_zone, assigned_by, status, event_id, created_at";

	private final JdbcClient jdbc;

	AssignmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Assignment assignment) {
		var slot = assignment.scheduledTimeSlot();
		jdbc.sql("INSERT INTO assignment (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(assignment.id(), assignment.jobId(), assignment.contractorId(), Timestamp.from(slot.start()),
					Timestamp.from(slot.end()), slot.timeZone(), assignment.assignedBy(), assignment.status(),
					assignment.eventId(), Timestamp.from(assignment.createdAt()))
			.update();
	}

	/** Ends an active assignment; false when there is none with that id. */
	boolean cancel(UUID id) {
		return jdbc.sql("UPDATE assignment SET status = 'CANCELLED' WHERE id = ? AND status = 'ACTIVE'")
			.param(id)
			.update() == 1;
	}

	Optional<Assignment> find(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM assignment WHERE id = ?").param(id).query(this::map).optional();
	}

	List<Assignment> findByJob(String jobId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM assignment WHERE job_id = ? ORDER BY created_at")
			.param(jobId)
			.query(this::map)
			.list();
	}

	private Assignment map(ResultSet rs, int row) throws SQLException {
		var slot = new NewAssignment.TimeSlot(rs.getTimestamp("slot_start").toInstant(),
				rs.getTimestamp("slot_end").toInstant(), rs.getString("time_zone"));
		return new Assignment(rs.getObject("id", UUID.class), rs.getString("job_id"), rs.getString("contractor_id"),
				slot, rs.getString("assigned_by"), rs.getString("status"), rs.getObject("event_id", UUID.class),
				rs.getTimestamp("created_at").toInstant());
	}

}
