package com.fieldservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's Postgres keeps every acknowledged commit through a crash of the postmaster,
 * as a production server does.
 */
class PostgresDurabilityIntegrationTests {

	private static final int WRITERS = 8;

	private static final int COMMITS_PER_WRITER = 250;

	@TempDir
	Path data;

	private PostgresServer postgres;

	@BeforeEach
	void start() {
		postgres = new PostgresServer(StackSettings.freePort(), data.resolve("postgres"), data.resolve("postgres.log"));
		postgres.start();
	}

	@AfterEach
	void stop() {
		postgres.close();
	}

	@Test
	void runsWithProductionDurability() throws SQLException {
		try (Connection connection = connect(); var statement = connection.createStatement()) {
			for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
				var result = statement.executeQuery("SHOW " + setting);
				result.next();
				assertThat(result.getString(1)).as(setting).isEqualTo("on");
			}
		}
	}

	/**
	 * Small transactions from several connections, as a burst of POSTs makes them, and a
	 * SIGKILL of the postmaster as soon as the last commit returned.
	 */
	@Test
	void keepsEveryCommitThatReturnedWhenThePostmasterIsKilled() throws Exception {
		try (Connection connection = connect(); var statement = connection.createStatement()) {
			statement.execute("CREATE TABLE acknowledged (writer int, n int, PRIMARY KEY (writer, n))");
		}
		var acknowledged = new AtomicInteger();
		try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
			var results = new ArrayList<Future<?>>();
			for (int writer = 0; writer < WRITERS; writer++) {
				int id = writer;
				results.add(writers.submit(() -> commit(id, acknowledged)));
			}
			for (Future<?> result : results) {
				result.get();
			}
		}

		postgres.kill();
		postgres.restart();

		try (Connection connection = connect(); var statement = connection.createStatement()) {
			var count = statement.executeQuery("SELECT count(*) FROM acknowledged");
			count.next();
			assertThat(count.getInt(1)).as("rows whose commit returned before the crash")
				.isEqualTo(acknowledged.get())
				.isEqualTo(WRITERS * COMMITS_PER_WRITER);
		}
	}

	private Void commit(int writer, AtomicInteger acknowledged) throws SQLException {
		try (Connection connection = connect();
				var insert = connection.prepareStatement("INSERT INTO acknowledged VALUES (?, ?)")) {
			for (int n = 0; n < COMMITS_PER_WRITER; n++) {
				insert.setInt(1, writer);
				insert.setInt(2, n);
				insert.executeUpdate();
				acknowledged.incrementAndGet();
			}
		}
		return null;
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "postgres");
	}

}
