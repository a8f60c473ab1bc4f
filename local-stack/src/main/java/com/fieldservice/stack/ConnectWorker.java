package com.fieldservice.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Kafka Connect worker in distributed mode, in its own JVM, with the connectors'
 * plugins (the SNS sink, Iceberg's sink and the Avro converter) and its REST API on
 * 127.0.0.1. The worker converts every record value from the registry's Avro (Confluent
 * wire format) into Connect data, for every connector alike.
 */
public final class ConnectWorker implements AutoCloseable {

	/**
	 * The consumer group of the workers; connectors' offsets live in its internal topics.
	 */
	static final String GROUP = "job-assigned-connect";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Path home;

	private final int port;

	private final Path dataDir;

	private final Path logDir;

	private final List<String> jvmOptions;

	private ManagedProcess process;

	ConnectWorker(Path home, int port, Path dataDir, Path logDir, List<String> jvmOptions) {
		this.home = home;
		this.port = port;
		this.dataDir = dataDir;
		this.logDir = logDir;
		this.jvmOptions = jvmOptions;
	}

	/** The REST API, e.g. {@code http://127.0.0.1:8084}. */
	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Starts the worker against {@code bootstrapServers} and the registry at
	 * {@code registryUrl}, with internal topics of {@code replicationFactor};
	 * {@code environment} reaches the connectors (AWS credentials for the SNS sink).
	 */
	public void start(String bootstrapServers, String registryUrl, short replicationFactor,
			Map<String, String> environment) {
		Path libs = this.home.resolve("connect-worker/target/lib");
		if (!Files.isDirectory(libs)) {
			throw new IllegalStateException("No Connect worker in " + libs + ": build the project first.");
		}
		Path config = writeConfig(bootstrapServers, registryUrl, replicationFactor);
		var command = ManagedProcess.javaCommand("128m", "512m", jvmOptions);
		command.addAll(ManagedProcess.SIMPLE_LOGGER_OPTIONS);
		command.addAll(List.of("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.connect.runtime.Connect=info", "-cp",
				libs + "/*", "org.apache.kafka.connect.cli.ConnectDistributed", config.toString()));
		this.process = ManagedProcess.start("connect", command, environment, this.logDir.resolve("connect.log"));
	}

	public void awaitReady(Duration timeout) {
		Readiness.await(this.process, timeout, () -> Readiness.httpOk(url() + "/connectors"));
	}

	/** Creates or updates connector {@code name} with {@code configJson}. */
	public void register(String name, String configJson) {
		var response = send(HttpRequest.newBuilder(URI.create(url() + "/connectors/" + name + "/config"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(configJson)));
		if (response.statusCode() != 200 && response.statusCode() != 201) {
			throw new IllegalStateException(
					"Connect refused connector " + name + ": " + response.statusCode() + " " + response.body());
		}
	}

	/**
	 * Waits until connector {@code name} and all its tasks run, failing early if one
	 * failed.
	 */
	public void awaitRunning(String name, Duration timeout) {
		Readiness.await(this.process, timeout, () -> {
			JsonNode status = statusTree(name);
			var states = new ArrayList<String>();
			states.add(status.path("connector").path("state").asText());
			status.path("tasks").forEach((task) -> states.add(task.path("state").asText()));
			if (states.contains("FAILED")) {
				throw new IllegalStateException("Connector " + name + " failed: " + status);
			}
			return states.size() > 1 && states.stream().allMatch("RUNNING"::equals);
		});
	}

	/**
	 * The status JSON of connector {@code name} and its tasks, as the REST API gives it.
	 */
	public String status(String name) {
		return send(HttpRequest.newBuilder(URI.create(url() + "/connectors/" + name + "/status"))).body();
	}

	private JsonNode statusTree(String name) {
		try {
			return JSON.readTree(status(name));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable status of connector " + name, ex);
		}
	}

	/**
	 * Restarts the failed tasks of connector {@code name}, if any, and returns their ids.
	 * Connect never restarts a task that threw a non-retriable exception (the archive's,
	 * when its catalog database is unreachable): someone has to.
	 */
	public List<Integer> restartFailedTasks(String name) {
		var failed = new ArrayList<Integer>();
		statusTree(name).path("tasks").forEach((task) -> {
			if (task.path("state").asText().equals("FAILED")) {
				failed.add(task.path("id").asInt());
			}
		});
		if (!failed.isEmpty()) {
			send(request("/connectors/" + name + "/restart?includeTasks=true&onlyFailed=true")
				.POST(HttpRequest.BodyPublishers.noBody()));
		}
		return failed;
	}

	/** Restarts task {@code task} of connector {@code name}, as an operator would. */
	public void restartTask(String name, int task) {
		send(HttpRequest.newBuilder(URI.create(url() + "/connectors/" + name + "/tasks/" + task + "/restart"))
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	/**
	 * Makes connector {@code name} read its topics again from the beginning, as an
	 * operator resetting it would: stops it, deletes its committed offsets, resumes it.
	 * Every record is delivered again.
	 */
	public void redeliverFromTheBeginning(String name) {
		expectOk(send(request("/connectors/" + name + "/stop").PUT(HttpRequest.BodyPublishers.noBody())));
		Readiness.await(this.process, Duration.ofSeconds(60),
				() -> statusTree(name).path("connector").path("state").asText().equals("STOPPED"));
		expectOk(send(request("/connectors/" + name + "/offsets").DELETE()));
		expectOk(send(request("/connectors/" + name + "/resume").PUT(HttpRequest.BodyPublishers.noBody())));
	}

	/** Deletes connector {@code name}. */
	public void delete(String name) {
		expectOk(send(request("/connectors/" + name).DELETE()));
	}

	/** Crashes the worker (SIGKILL): no task commits its offsets. */
	public void kill() {
		if (this.process != null) {
			this.process.kill();
		}
	}

	public void stop() {
		if (this.process != null) {
			this.process.close();
		}
	}

	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	@Override
	public void close() {
		stop();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(url() + path));
	}

	private static void expectOk(HttpResponse<String> response) {
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("Connect answered " + response.statusCode() + " to "
					+ response.request().uri() + ": " + response.body());
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Connect at " + url() + " did not answer: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private Path writeConfig(String bootstrapServers, String registryUrl, short replicationFactor) {
		var properties = new Properties();
		properties.putAll(settings(this.home, this.port, bootstrapServers, registryUrl, replicationFactor));
		Path file = this.dataDir.resolve("connect-distributed.properties");
		try {
			Files.createDirectories(this.dataDir);
			try (var out = Files.newBufferedWriter(file)) {
				properties.store(out, "Generated by the local stack");
			}
			return file;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not write " + file, ex);
		}
	}

	/**
	 * The settings of a worker whose REST API listens on 127.0.0.1:{@code port}, with the
	 * plugins built under {@code home}; docker-compose.yml's worker
	 * ({@code connect-worker/config/connect-distributed.properties}) has the same, with
	 * the addresses of its network.
	 */
	static Map<String, String> settings(Path home, int port, String bootstrapServers, String registryUrl,
			short replicationFactor) {
		return Map.ofEntries(Map.entry("bootstrap.servers", bootstrapServers), Map.entry("group.id", GROUP),
				Map.entry("listeners", "http://127.0.0.1:" + port), Map.entry("rest.advertised.host.name", "127.0.0.1"),
				Map.entry("rest.advertised.port", Integer.toString(port)),
				Map.entry("plugin.path", String.join(",", pluginPath(home))),
				Map.entry("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
				Map.entry("value.converter", AVRO_CONVERTER),
				Map.entry("value.converter.apicurio.registry.url", registryUrl + "/apis/registry/v2"),
				// Confluent's wire format as the services write it: a zero byte, the
				// schema's 4-byte contentId, no headers. as-confluent alone would read
				// globalIds.
				Map.entry("value.converter.apicurio.registry.headers.enabled", "false"),
				Map.entry("value.converter.apicurio.registry.id-handler",
						"io.apicurio.registry.serde.Legacy4ByteIdHandler"),
				Map.entry("value.converter.apicurio.registry.use-id", "contentId"),
				// A registry outage must not turn records into conversion errors, which
				// the connectors send to their dead-letter topic (see AvroSerdes).
				Map.entry("value.converter.apicurio.registry.check-period-ms", "1800000"),
				Map.entry("value.converter.apicurio.registry.fault-tolerant-refresh", "true"),
				Map.entry("config.storage.topic", "connect.configs.v1"),
				Map.entry("offset.storage.topic", "connect.offsets.v1"),
				Map.entry("status.storage.topic", "connect.status.v1"),
				Map.entry("config.storage.replication.factor", Short.toString(replicationFactor)),
				Map.entry("offset.storage.replication.factor", Short.toString(replicationFactor)),
				Map.entry("status.storage.replication.factor", Short.toString(replicationFactor)),
				// Iceberg's sink answers a commit request only inside put(), which an
				// idle task reaches once per offset flush: a second, not the default
				// minute, keeps its commits timely.
				Map.entry("offset.flush.interval.ms", "1000"),
				// Sinks read what notification-streams committed, never a record of an
				// aborted transaction.
				Map.entry("consumer.isolation.level", "read_committed"),
				// A crashed worker's tasks move on within 10 s, not the default 45.
				Map.entry("consumer.session.timeout.ms", "10000"), Map.entry("consumer.heartbeat.interval.ms", "3000"));
	}

	/** The converter every connector reads record values with. */
	static final String AVRO_CONVERTER = "io.apicurio.registry.utils.converter.AvroConverter";

	private static List<String> pluginPath(Path home) {
		var paths = new ArrayList<String>();
		paths.add(home.resolve("connect-worker/target/plugins").toString());
		paths.add(home.resolve("sns-sink-connector/target/plugin").toString());
		return paths;
	}

	/** The running (or last) process, for the run command's supervisor. */
	ManagedProcess process() {
		return this.process;
	}

}
