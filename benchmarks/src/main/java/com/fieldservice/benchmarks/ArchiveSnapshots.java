package com.fieldservice.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;

import com.fieldservice.archive.ArchiveFileIO;
import com.fieldservice.stack.LocalStack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event archive's Iceberg table as the sink left it, read through the sink's own
 * catalog (JDBC, in the stack's Postgres) with the archive's file IO: each snapshot's
 * commit time, and which events it added (the eventIds in its new Parquet files, read
 * with DuckDB as the query command reads them). So each event's visibility is the commit
 * that made it queryable, exactly.
 */
final class ArchiveSnapshots implements AutoCloseable {

	static final String CONNECTOR_CONFIG = "event-archive/config/event-archive.json";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One commit of the sink: when, and how many events it added. */
	record Commit(long snapshotId, long committedAt, long addedEvents) {
	}

	/**
	 * When each event became visible (epoch ms of its commit), by eventId, and how many
	 * rows repeated an eventId seen before.
	 */
	record Visibility(Map<String, Long> committedAt, int duplicates) {
	}

	private final JdbcCatalog catalog;

	private final TableIdentifier table;

	private final Duration commitInterval;

	private ArchiveSnapshots(JdbcCatalog catalog, TableIdentifier table, Duration commitInterval) {
		this.catalog = catalog;
		this.table = table;
		this.commitInterval = commitInterval;
	}

	/**
	 * The archive of {@code stack}: catalog, table and commit interval as the checked-in
	 * connector configuration names them.
	 */
	static ArchiveSnapshots of(LocalStack stack) throws IOException {
		JsonNode config = JSON.readTree(Files.readString(stack.settings().home().resolve(CONNECTOR_CONFIG)));
		var properties = new HashMap<String, String>();
		properties.put("uri", stack.postgres().jdbcUrl("archive"));
		properties.put("jdbc.user", "postgres");
		properties.put("jdbc.password", "postgres");
		properties.put("jdbc.schema-version", config.path("iceberg.catalog.jdbc.schema-version").asString());
		properties.put("warehouse", stack.archiveWarehouse().toUri().toString());
		properties.put("io-impl", ArchiveFileIO.class.getName());
		var catalog = new JdbcCatalog();
		catalog.initialize(config.path("iceberg.catalog").asString(), properties);
		return new ArchiveSnapshots(catalog, TableIdentifier.parse(config.path("iceberg.tables").asString()),
				Duration.ofMillis(config.path("iceberg.control.commit.interval-ms").asLong()));
	}

	/** {@code iceberg.control.commit.interval-ms}: how often the sink commits. */
	Duration commitInterval() {
		return this.commitInterval;
	}

	/** Events in the table's current snapshot; 0 before the sink created the table. */
	long events() {
		if (!this.catalog.tableExists(this.table)) {
			return 0;
		}
		Snapshot current = this.catalog.loadTable(this.table).currentSnapshot();
		return (current != null) ? Long.parseLong(current.summary().getOrDefault("total-records", "0")) : 0;
	}

	/** Waits until the table holds at least {@code count} events. */
	void awaitEvents(long count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (events() < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The archive holds " + events() + " of " + count + " events after "
						+ timeout.toSeconds() + " s");
			}
			Thread.sleep(500);
		}
	}

	/** Every commit so far, oldest first. */
	List<Commit> commits() {
		var commits = new ArrayList<Commit>();
		for (Snapshot snapshot : load().snapshots()) {
			commits.add(new Commit(snapshot.snapshotId(), snapshot.timestampMillis(),
					Long.parseLong(snapshot.summary().getOrDefault("added-records", "0"))));
		}
		commits.sort(Comparator.comparingLong(Commit::committedAt));
		return commits;
	}

	/** Reads the eventIds of every snapshot's added files. */
	Visibility visibility() throws SQLException {
		Table loaded = load();
		var committedAt = new HashMap<String, Long>();
		int duplicates = 0;
		try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); var statement = duck.createStatement()) {
			for (Snapshot snapshot : loaded.snapshots()) {
				for (DataFile file : snapshot.addedDataFiles(loaded.io())) {
					var rows = statement.executeQuery("SELECT CAST(eventId AS VARCHAR) FROM read_parquet('"
							+ local(file.location()).toString().replace("'", "''") + "')");
					while (rows.next()) {
						if (committedAt.putIfAbsent(rows.getString(1), snapshot.timestampMillis()) != null) {
							duplicates++;
						}
					}
				}
			}
		}
		return new Visibility(committedAt, duplicates);
	}

	private Table load() {
		return this.catalog.loadTable(this.table);
	}

	/** The stack's warehouse is a local directory: {@code file:/...} locations. */
	private static Path local(String location) {
		return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
	}

	@Override
	public void close() throws IOException {
		this.catalog.close();
	}

}
