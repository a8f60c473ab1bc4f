package com.fieldservice.archive;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * The data team's query command ({@code ./scripts/archive}): answers from the archive
 * table's current snapshot, planned by Iceberg, with SQL in DuckDB over exactly the
 * planned Parquet files.
 */
public final class ArchiveQuery {

	static final String USAGE = """
			Usage: ./scripts/archive [--json] COMMAND
			  contractor ID FROM TO   every assignment of contractor ID that occurred in [FROM, TO)
			  per-day [FROM TO]       assignments per day (UTC) and dispatch group
			  sql 'SELECT ...'        any query over the views job_assigned and assignment_cancelled
			                          (each table's whole current snapshot)
			FROM and TO are dates (2030-01-07, midnight UTC) or instants (2030-01-07T09:00:00Z).
			--json prints each row as a JSON object on a line of its own.
			The archive is found through ARCHIVE_CATALOG_URI (default jdbc:postgresql://127.0.0.1:5432/archive),
			ARCHIVE_CATALOG_USER, ARCHIVE_CATALOG_PASSWORD, and for S3 AWS_ENDPOINT_URL_S3 and AWS_REGION.""";

	private static final String CONTRACTOR_SQL = """
			SELECT occurredAt, jobId, assignmentId, contractorId, scheduledTimeSlot.start AS slotStart,
			       scheduledTimeSlot."end" AS slotEnd, scheduledTimeSlot.timeZone AS timeZone, dispatchGroups,
			       job.title AS title, assignedBy, eventId
			FROM job_assigned WHERE contractorId = ? AND occurredAt >= ? AND occurredAt < ?
			ORDER BY occurredAt, eventId""";

	private static final String PER_DAY_SQL = """
			SELECT CAST(occurredAt AS DATE) AS day, dispatchGroup, count(*) AS assignments
			FROM (SELECT occurredAt, unnest(dispatchGroups) AS dispatchGroup FROM job_assigned
			      WHERE occurredAt >= ? AND occurredAt < ?)
			GROUP BY ALL ORDER BY ALL""";

	private ArchiveQuery() {
	}

	public static void main(String[] args) throws Exception {
		var arguments = new ArrayList<>(List.of(args));
		boolean json = arguments.remove("--json");
		try {
			Query query = Query.parse(arguments);
			int rows = run(query, ArchiveSettings.from(System::getenv), json, System.out, System.err);
			System.exit(rows >= 0 ? 0 : 1);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
		}
	}

	/** Runs {@code query} and prints its rows; returns their count. */
	static int run(Query query, ArchiveSettings settings, boolean json, PrintStream out, PrintStream log)
			throws SQLException, java.io.IOException {
		Path downloads = Files.createTempDirectory("archive-query-");
		try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); var statement = duck.createStatement()) {
			statement.execute("SET TimeZone = 'UTC'");
			// Only the tables the query names (SQL names are case-insensitive): planning
			// another could mean downloading its files for nothing.
			String sql = query.sql().toLowerCase(Locale.ROOT);
			var named = ArchiveTable.IDENTIFIERS.stream()
				.filter((identifier) -> sql.contains(identifier.name()))
				.toList();
			var missing = new ArrayList<TableIdentifier>();
			for (TableIdentifier identifier : named) {
				if (!view(identifier, query, settings, downloads, statement, log)) {
					missing.add(identifier);
				}
			}
			if (!missing.isEmpty()) {
				log.println("The archive holds no table " + missing
						+ " yet: nothing of that event type has been archived.");
				// Nothing archived at all is an empty answer; a query that also reads a
				// table that exists cannot be answered right without the other.
				return (missing.size() == named.size()) ? 0 : -1;
			}
			return new ResultPrinter(out, json).print(duck, query.sql(), query.parameters());
		}
		finally {
			deleteQuietly(downloads);
		}
	}

	/**
	 * Creates the view of one table over the files its scan plans; false when the sink
	 * has not created the table yet.
	 */
	private static boolean view(TableIdentifier identifier, Query query, ArchiveSettings settings, Path downloads,
			Statement statement, PrintStream log) throws SQLException {
		var opened = ArchiveTable.open(settings, identifier, downloads);
		if (opened.isEmpty()) {
			return false;
		}
		try (ArchiveTable table = opened.get()) {
			var files = table.plan(query.filter());
			log.printf("%s, snapshot %d: %d data file(s) planned.%n", identifier, table.snapshotId(), files.size());
			statement.execute(DuckDbView.create(identifier.name(), table.schema(), files));
			return true;
		}
	}

	/**
	 * One query: its SQL with parameters, and the filter Iceberg plans the scan with.
	 *
	 * @param sql the SQL over the views of the tables it names
	 * @param parameters its parameters, in order
	 * @param filter the rows the scan must cover (files that cannot hold any are skipped)
	 */
	record Query(String sql, List<Object> parameters, Expression filter) {

		static Query parse(List<String> arguments) {
			if (arguments.isEmpty()) {
				throw new IllegalArgumentException("No command given.");
			}
			String command = arguments.getFirst();
			var rest = arguments.subList(1, arguments.size());
			return switch (command) {
				case "contractor" -> contractor(rest);
				case "per-day" -> perDay(rest);
				case "sql" -> {
					requireCount(rest, 1, "sql takes one query");
					yield new Query(rest.getFirst(), List.of(), Expressions.alwaysTrue());
				}
				default -> throw new IllegalArgumentException("Unknown command '" + command + "'.");
			};
		}

		private static Query contractor(List<String> arguments) {
			requireCount(arguments, 3, "contractor takes ID FROM TO");
			Instant from = instant(arguments.get(1));
			Instant to = instant(arguments.get(2));
			String contractor = arguments.getFirst();
			Expression filter = Expressions.and(Expressions.equal("contractorId", contractor), occurred(from, to));
			return new Query(CONTRACTOR_SQL, List.of(contractor, timestamp(from), timestamp(to)), filter);
		}

		private static Query perDay(List<String> arguments) {
			if (arguments.isEmpty()) {
				return perDay(Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"));
			}
			requireCount(arguments, 2, "per-day takes no arguments, or FROM TO");
			return perDay(instant(arguments.get(0)), instant(arguments.get(1)));
		}

		private static Query perDay(Instant from, Instant to) {
			return new Query(PER_DAY_SQL, List.of(timestamp(from), timestamp(to)), occurred(from, to));
		}

		/** Iceberg compares timestamptz columns in microseconds since the epoch. */
		private static Expression occurred(Instant from, Instant to) {
			return Expressions.and(Expressions.greaterThanOrEqual("occurredAt", micros(from)),
					Expressions.lessThan("occurredAt", micros(to)));
		}

		private static long micros(Instant instant) {
			return Math.multiplyExact(instant.getEpochSecond(), 1_000_000L) + instant.getNano() / 1_000;
		}

		private static java.time.OffsetDateTime timestamp(Instant instant) {
			return instant.atOffset(ZoneOffset.UTC);
		}

		static Instant instant(String text) {
			try {
				return (text.length() == 10) ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
						: Instant.parse(text);
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("Not a date or instant: '" + text + "'.");
			}
		}

		private static void requireCount(List<String> arguments, int count, String message) {
			if (arguments.size() != count) {
				throw new IllegalArgumentException(message + ".");
			}
		}

	}

	private static void deleteQuietly(Path directory) {
		try (var paths = Files.walk(directory)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (java.io.IOException ex) {
			// A temporary directory: the system cleans it up eventually.
		}
	}

}
