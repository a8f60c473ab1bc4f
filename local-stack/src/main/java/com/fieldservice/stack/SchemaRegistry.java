package com.fieldservice.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Apicurio schema registry (Quarkus distribution) in its own JVM, storing schemas in
 * Postgres so that schema ids written into Kafka records stay valid across restarts. Both
 * its HTTP and management ports listen on 127.0.0.1 only.
 */
public final class SchemaRegistry implements AutoCloseable {

	private final Path distribution;

	private final int port;

	private final int managementPort;

	private final Path logDir;

	private final List<String> jvmOptions;

	private ManagedProcess process;

	SchemaRegistry(Path distribution, int port, int managementPort, Path logDir, List<String> jvmOptions) {
		this.distribution = distribution;
		this.port = port;
		this.managementPort = managementPort;
		this.logDir = logDir;
		this.jvmOptions = jvmOptions;
	}

	/**
	 * Base URL, e.g. {@code http://127.0.0.1:8081}; serdes append
	 * {@code /apis/registry/v3}.
	 */
	public String url() {
		return "http://127.0.0.1:" + port;
	}

	public void start(String jdbcUrl) {
		Path runner = distribution.resolve("quarkus-run.jar");
		if (!Files.exists(runner)) {
			throw new IllegalStateException("Schema registry not found at " + runner + ": build the project first.");
		}
		var command = ManagedProcess.javaCommand("64m", "384m", jvmOptions);
		command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
				"-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
				"-Dapicurio.storage.kind=sql", "-Dapicurio.storage.sql.kind=postgresql",
				"-Dapicurio.datasource.url=" + jdbcUrl, "-Dapicurio.datasource.username=postgres",
				"-Dapicurio.datasource.password=postgres", "-Dapicurio.datasource.jdbc.initial-size=2",
				"-Dapicurio.datasource.jdbc.min-size=2", "-Dapicurio.datasource.jdbc.max-size=10",
				"-Dquarkus.log.level=WARN", "-Dquarkus.otel.enabled=false", "-jar", runner.toString()));
		process = ManagedProcess.start("schema-registry", command, Map.of(), logDir.resolve("schema-registry.log"));
	}

	public void awaitReady(Duration timeout) {
		Readiness.await(process, timeout,
				() -> Readiness.httpOk("http://127.0.0.1:" + managementPort + "/health/ready"));
	}

	public void stop() {
		if (process != null) {
			process.close();
		}
	}

	@Override
	public void close() {
		stop();
	}

	/** The running (or last) process, for the run command's supervisor. */
	ManagedProcess process() {
		return process;
	}

}
