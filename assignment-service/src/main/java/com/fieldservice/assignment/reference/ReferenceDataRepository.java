package com.fieldservice.assignment.reference;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Jobs, contractors and dispatch groups in Postgres. */
@Repository
public class ReferenceDataRepository {

	private static final String JOB_COLUMNS = """
			j.id, j.title, j.job_type, j.street, j.city, j.postal_code, j.region, j.country, j.time_zone,
			array(SELECT g.group_id FROM job_dispatch_group g WHERE g.job_id = j.id ORDER BY g.group_id) AS groups""";

	private final JdbcClient jdbc;

	ReferenceDataRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Job> findJob(String id) {
		return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM job j WHERE j.id = ?")
			.param(id)
			.query((rs, row) -> job(rs))
			.optional();
	}

	/**
	 * The job and the contractor of an assignment in one round trip, a round trip less
	 * per POST than two lookups; either may be missing. The one-row base keeps a row when
	 * one or both are.
	 */
	public JobAndContractor findJobAndContractor(String jobId, String contractorId) {
		return jdbc.sql("SELECT " + JOB_COLUMNS + """
				, c.id AS contractor_id, c.display_name
				FROM (SELECT 1) AS one LEFT JOIN job j ON j.id = ? LEFT JOIN contractor c ON c.id = ?""")
			.params(jobId, contractorId)
			.query((rs, row) -> new JobAndContractor(
					(rs.getString("id") != null) ? Optional.of(job(rs)) : Optional.empty(),
					(rs.getString("contractor_id") != null)
							? Optional.of(new Contractor(rs.getString("contractor_id"), rs.getString("display_name")))
							: Optional.empty()))
			.single();
	}

	/** What {@link #findJobAndContractor} found. */
	public record JobAndContractor(Optional<Job> job, Optional<Contractor> contractor) {
	}

	private static Job job(ResultSet rs) throws SQLException {
		return new Job(rs.getString("id"), rs.getString("title"), rs.getString("job_type"),
				new Job.Address(rs.getString("street"), rs.getString("city"), rs.getString("postal_code"),
						rs.getString("region"), rs.getString("country")),
				rs.getString("time_zone"), List.of((String[]) rs.getArray("groups").getArray()));
	}

	public Optional<Contractor> findContractor(String id) {
		return jdbc.sql("SELECT id, display_name FROM contractor WHERE id = ?")
			.param(id)
			.query((rs, row) -> new Contractor(rs.getString("id"), rs.getString("display_name")))
			.optional();
	}

	public List<DispatchGroup> findGroups() {
		return jdbc.sql("SELECT id, name FROM dispatch_group ORDER BY id")
			.query((rs, row) -> new DispatchGroup(rs.getString("id"), rs.getString("name")))
			.list();
	}

	/**
	 * Inserts the job and its group memberships; false when a job with that id exists.
	 */
	@Transactional
	public boolean insertJob(Job job) {
		var address = job.serviceAddress();
		int inserted = jdbc.sql("""
				INSERT INTO job (id, title, job_type, street, city, postal_code, region, country, time_zone)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
			.params(job.id(), job.title(), job.jobType(), address.street(), address.city(), address.postalCode(),
					address.region(), address.country(), job.timeZone())
			.update();
		if (inserted == 0) {
			return false;
		}
		for (String group : job.dispatchGroups()) {
			jdbc.sql("INSERT INTO job_dispatch_group (job_id, group_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
				.params(job.id(), group)
				.update();
		}
		return true;
	}

	public boolean insertContractor(Contractor contractor) {
		return jdbc.sql("INSERT INTO contractor (id, display_name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")
			.params(contractor.id(), contractor.displayName())
			.update() == 1;
	}

	public boolean insertGroup(DispatchGroup group) {
		return jdbc.sql("INSERT INTO dispatch_group (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")
			.params(group.id(), group.name())
			.update() == 1;
	}

	/** Whether {@code contractorId} holds or held an assignment of the job. */
	public boolean isAssigned(String jobId, String contractorId) {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM assignment WHERE job_id = ? AND contractor_id = ?)")
			.params(jobId, contractorId)
			.query(Boolean.class)
			.single();
	}

	public boolean groupsExist(List<String> ids) {
		Integer found = jdbc.sql("SELECT count(*) FROM dispatch_group WHERE id = ANY(?)")
			.param(ids.toArray(String[]::new))
			.query(Integer.class)
			.single();
		return found == ids.stream().distinct().count();
	}

}
