package com.fieldservice.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fieldservice.stack.LocalStack;

/**
 * assignment-service's database as the benchmarks use it: seeding reference data, and
 * reading the EventLog.
 */
final class AssignmentsDatabase {

	/**
	 * Publish lag of the events appended in a time range: p50 and p99 in milliseconds,
	 * and how many there were.
	 */
	record Lag(double p50, double p99, long events) {
	}

	private final LocalStack stack;

	AssignmentsDatabase(LocalStack stack) {
		this.stack = stack;
	}

	/**
	 * One job ({@code <jobPrefix><n>}) and one contractor ({@code <contractorPrefix><n>})
	 * for each n in [0, count], so no request conflicts with another; job n belongs to
	 * group n modulo the number of groups.
	 */
	void seed(String jobPrefix, String contractorPrefix, List<String> groups, int count) throws SQLException {
		try (Connection db = connect()) {
			try (var insertGroup = db
				.prepareStatement("INSERT INTO dispatch_group (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
				for (String group : groups) {
					insertGroup.setString(1, group);
					insertGroup.setString(2, "Benchmark " + group);
					insertGroup.addBatch();
				}
				insertGroup.executeBatch();
			}
			try (var statement = db.createStatement()) {
				statement.execute("INSERT INTO contractor (id, display_name) SELECT '%s' || n, 'Contractor ' || n "
					.formatted(contractorPrefix)
						+ "FROM generate_series(0, %d) n ON CONFLICT DO NOTHING".formatted(count));
				statement.execute(
						"""
								INSERT INTO job (id, title, job_type, street, city, postal_code, country, time_zone)
								SELECT '%s' || n, 'Benchmark job', 'PLUMBING', '1 Main St', 'Berlin', '10115', 'DE', 'Europe/Berlin'
								FROM generate_series(0, %d) n ON CONFLICT DO NOTHING"""
							.formatted(jobPrefix, count));
			}
			try (var assign = db.prepareStatement("""
					INSERT INTO job_dispatch_group SELECT ? || n, (?::text[])[n % ? + 1]
					FROM generate_series(0, ?) n ON CONFLICT DO NOTHING""")) {
				assign.setString(1, jobPrefix);
				assign.setArray(2, db.createArrayOf("text", groups.toArray()));
				assign.setInt(3, groups.size());
				assign.setInt(4, count);
				assign.executeUpdate();
			}
		}
	}

	/**
	 * Waits until the relay has published every EventLog row; returns how long that took.
	 */
	Duration awaitDrained(Duration timeout) throws Exception {
		long start = System.nanoTime();
		try (Connection db = connect(); var statement = db.createStatement()) {
			while (System.nanoTime() - start < timeout.toNanos()) {
				var result = statement.executeQuery("SELECT count(*) FROM event_log WHERE published_at IS NULL");
				result.next();
				if (result.getLong(1) == 0) {
					return Duration.ofNanos(System.nanoTime() - start);
				}
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("The outbox backlog did not drain within " + timeout);
	}

	/**
	 * EventLog append ({@code created_at}) to Kafka commit ({@code published_at}) of the
	 * events appended in [from, to].
	 */
	Lag publishLag(Instant from, Instant to) throws SQLException {
		return lag("created_at", "published_at", from, to);
	}

	/**
	 * Kafka commit by the relay ({@code published_at}) to notification-streams routing
	 * the event ({@code routed_at}, the stream thread's clock) of the events appended in
	 * [from, to].
	 */
	Lag routingLag(Instant from, Instant to) throws SQLException {
		return lag("published_at", "routed_at", from, to);
	}

	private Lag lag(String fromColumn, String toColumn, Instant from, Instant to) throws SQLException {
		String millis = "extract(epoch FROM %s - %s) * 1000".formatted(toColumn, fromColumn);
		try (Connection db = connect(); var query = db.prepareStatement("""
				SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY %1$s),
				       percentile_cont(0.99) WITHIN GROUP (ORDER BY %1$s), count(*)
				FROM event_log WHERE created_at BETWEEN ? AND ?""".formatted(millis))) {
			query.setObject(1, Timestamp.from(from));
			query.setObject(2, Timestamp.from(to));
			var result = query.executeQuery();
			result.next();
			return new Lag(result.getDouble(1), result.getDouble(2), result.getLong(3));
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(stack.postgres().jdbcUrl("assignments"), "postgres", "postgres");
	}

}
