package com.fieldservice.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's packaged binaries) on 127.0.0.1 with one database per
 * component. Its data directory persists across restarts unless the stack starts clean.
 */
public final class PostgresServer implements AutoCloseable {

	/**
	 * Databases the stack needs: assignment-service's, the schema registry's, and the
	 * event archive's Iceberg catalog.
	 */
	static final List<String> DATABASES = List.of("assignments", "registry", "archive");

	private final int port;

	private final Path dataDir;

	private final boolean clean;

	private EmbeddedPostgres postgres;

	PostgresServer(int port, Path dataDir, boolean clean) {
		this.port = port;
		this.dataDir = dataDir;
		this.clean = clean;
	}

	public void start() {
		try {
			postgres = EmbeddedPostgres.builder()
				.setPort(port)
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(clean)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("max_connections", "200")
				.start();
			for (String database : DATABASES) {
				createIfMissing(database);
			}
		}
		catch (IOException | SQLException ex) {
			throw new IllegalStateException("Could not start Postgres on port " + port + ": " + ex.getMessage(), ex);
		}
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	public int port() {
		return port;
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

}
