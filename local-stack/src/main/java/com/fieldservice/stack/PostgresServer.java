package com.fieldservice.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's packaged binaries) on 127.0.0.1 with one database per
 * component. Its data directory persists across restarts unless the stack starts clean.
 * It runs as durably as a production server: a commit is acknowledged only once its WAL
 * is flushed to disk.
 */
public final class PostgresServer implements AutoCloseable {

	/**
	 * Databases the stack needs: assignment-service's, the schema registry's, and the
	 * event archive's Iceberg catalog.
	 */
	static final List<String> DATABASES = List.of("assignments", "registry", "archive");

	/**
	 * Production durability. The embedded library starts the server with {@code -F}
	 * (fsync off), and its commits would return before their WAL reached the disk: a
	 * crash of the postmaster would then lose transactions that had answered. These come
	 * later on the command line, so they win.
	 */
	static final Map<String, String> DURABILITY = Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes",
			"on");

	private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * How long a start may take before it counts as failed. After a crash Postgres first
	 * replays the WAL written since its last checkpoint: 10 s on a busy 2-core machine
	 * after a few minutes of load, the library's whole default wait.
	 */
	private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

	private final int port;

	private final Path dataDir;

	private final Path logFile;

	private EmbeddedPostgres postgres;

	PostgresServer(int port, Path dataDir, Path logFile) {
		this.port = port;
		this.dataDir = dataDir;
		this.logFile = logFile;
	}

	public void start() {
		try {
			postgres = embedded();
			for (String database : DATABASES) {
				createIfMissing(database);
			}
		}
		catch (IOException | SQLException ex) {
			throw new IllegalStateException("Could not start Postgres on port " + port + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The library's own cleaning stays off: it would delete the data directory when the
	 * server stops, a restart included. The stack empties it before a clean start.
	 */
	private EmbeddedPostgres embedded() throws IOException {
		Files.createDirectories(logFile.getParent());
		var log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
		var builder = EmbeddedPostgres.builder()
			.setOutputRedirector(log)
			.setErrorRedirector(log)
			.setPort(port)
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPGStartupWait(STARTUP_WAIT)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_connections", "200");
		DURABILITY.forEach(builder::setServerConfig);
		return builder.start();
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	public int port() {
		return port;
	}

	/** The postmaster's process, read from its pid file; empty when it is not running. */
	public Optional<ProcessHandle> postmaster() {
		try {
			List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
			return lines.isEmpty() ? Optional.empty()
					: ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	public boolean isRunning() {
		return postmaster().isPresent();
	}

	/** The server's own log (the postmaster's output). */
	public Path logFile() {
		return logFile;
	}

	/**
	 * Crashes the server as a power cut would crash its processes: SIGKILL of the
	 * postmaster. Its backends notice and exit on their own; nothing is flushed.
	 */
	public void kill() {
		postmaster().ifPresent((postmaster) -> {
			postmaster.destroyForcibly();
			postmaster.onExit().join();
		});
	}

	/**
	 * Starts the server again on the same data directory (after {@link #kill} or a
	 * crash): Postgres replays its WAL and comes back with every committed transaction.
	 */
	public void restart() {
		closeQuietly();
		awaitSharedMemoryReleased();
		try {
			postgres = embedded();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not restart Postgres on port " + port + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * A new postmaster refuses to start while backends of the old one still hold its
	 * shared memory; they exit on their own once they notice the postmaster is gone.
	 * Waits until no process is attached to the segment named in the old pid file.
	 */
	private void awaitSharedMemoryReleased() {
		Optional<String> segment = sharedMemoryId();
		long deadline = System.nanoTime() + RESTART_TIMEOUT.toNanos();
		while (segment.isPresent() && attachedProcesses(segment.get()) > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Postgres backends of the old server still run after "
						+ RESTART_TIMEOUT.toSeconds() + " s: cannot restart on port " + port);
			}
			sleep(Duration.ofMillis(200));
		}
	}

	/** The System V shared memory id on line 7 of postmaster.pid ("key id"). */
	private Optional<String> sharedMemoryId() {
		try {
			List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
			String[] keyAndId = (lines.size() > 6) ? lines.get(6).trim().split("\\s+") : new String[0];
			return (keyAndId.length == 2) ? Optional.of(keyAndId[1]) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The {@code nattch} column of the segment in /proc/sysvipc/shm; 0 once it is gone.
	 */
	private static int attachedProcesses(String shmid) {
		try (var rows = Files.lines(Path.of("/proc/sysvipc/shm"))) {
			return rows.map((row) -> row.trim().split("\\s+"))
				.filter((columns) -> columns.length > 6 && columns[1].equals(shmid))
				.mapToInt((columns) -> Integer.parseInt(columns[6]))
				.findFirst()
				.orElse(0);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private void createIfMissing(String database) throws SQLException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "postgres");
				var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, database);
			if (!exists.executeQuery().next()) {
				try (var create = connection.createStatement()) {
					create.execute("CREATE DATABASE " + database);
				}
			}
		}
	}

	@Override
	public void close() {
		if (postgres != null) {
			try {
				postgres.close();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not stop Postgres", ex);
			}
		}
	}

	/**
	 * Releases the handle of a server that is gone (its stop fails harmlessly), freeing
	 * its data directory's lock for the next.
	 */
	private void closeQuietly() {
		try {
			close();
		}
		catch (RuntimeException ex) {
			// The server was not running: nothing to stop.
		}
		postgres = null;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while restarting Postgres", ex);
		}
	}

}
