package com.fieldservice.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One KRaft Kafka node (combined broker and controller) of a {@link KafkaCluster}, in its
 * own JVM, listening on 127.0.0.1 only. Its log directory persists across restarts unless
 * the stack starts clean.
 */
public final class KafkaBroker implements AutoCloseable {

	/**
	 * A transaction's first write to a partition whose previous transaction's markers are
	 * still being written waits for them on the broker, checked every 5 ms for up to 1 s
	 * (defaults 20 ms and 100 ms), instead of going back to the producer as
	 * CONCURRENT_TRANSACTIONS: on a busy machine that bounce, and the
	 * OUT_OF_ORDER_SEQUENCE_NUMBER errors of the requests in flight behind it, cost more
	 * than the wait.
	 * <p>
	 * A transaction left open by a producer that died is aborted once its timeout passed,
	 * looked for every second (default 10 s): until then the partitions it wrote to, and
	 * the offsets it committed, are unreadable for read_committed consumers, and the
	 * instance taking over a dead notification-streams instance's tasks waits for them.
	 * <p>
	 * Group members may ask for sessions as short as 3 s (default minimum 6 s), so that
	 * notification-streams notices a dead instance sooner.
	 * <p>
	 * docker-compose.yml sets the same.
	 */
	static final Map<String, String> TUNED_TIMINGS = Map.of("add.partitions.to.txn.retry.backoff.ms", "5",
			"add.partitions.to.txn.retry.backoff.max.ms", "1000",
			"transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000", "group.min.session.timeout.ms",
			"3000");

	private final int nodeId;

	private final int port;

	private final int controllerPort;

	private final Path dataDir;

	private final String quorumVoters;

	private final int clusterSize;

	private final List<String> jvmOptions;

	private ManagedProcess process;

	/**
	 * @param quorumVoters every node's controller, {@code id@host:port,...}
	 * @param clusterSize the number of brokers, which sets the replication of the
	 * internal topics
	 */
	KafkaBroker(int nodeId, int port, int controllerPort, Path dataDir, String quorumVoters, int clusterSize,
			List<String> jvmOptions) {
		this.nodeId = nodeId;
		this.port = port;
		this.controllerPort = controllerPort;
		this.dataDir = dataDir;
		this.quorumVoters = quorumVoters;
		this.clusterSize = clusterSize;
		this.jvmOptions = jvmOptions;
	}

	public int nodeId() {
		return nodeId;
	}

	/** This node's client listener alone. */
	public String bootstrapServers() {
		return "127.0.0.1:" + port;
	}

	/**
	 * Starts the broker process with storage formatted for {@code clusterId}; returns at
	 * once, {@link #awaitReady} waits for it.
	 */
	void start(String clusterId) {
		Path config = writeConfig();
		formatStorageOnce(config, clusterId);
		process = ManagedProcess.start(name(), javaCommand(jvmOptions, "kafka.Kafka", config.toString()), Map.of(),
				dataDir.resolve("kafka.log"));
	}

	/** {@code kafka} for a single broker, {@code kafka-1} ... in a cluster. */
	String name() {
		return (clusterSize == 1) ? "kafka" : "kafka-" + nodeId;
	}

	public void awaitReady(Duration timeout) {
		Readiness.await(process, timeout, this::answers);
	}

	/** Stops the broker cleanly (SIGTERM), as an operator would. */
	public void stop() {
		if (process != null) {
			process.close();
		}
	}

	/** Crashes the broker (SIGKILL). */
	public void kill() {
		if (process != null) {
			process.kill();
		}
	}

	public boolean isRunning() {
		return process != null && process.isAlive();
	}

	@Override
	public void close() {
		stop();
	}

	private boolean answers() {
		var props = Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				2000);
		try (Admin admin = Admin.create(props)) {
			return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
		}
		catch (Exception ex) {
			return false;
		}
	}

	private Path writeConfig() {
		String replicas = Integer.toString(clusterSize);
		// A write is acknowledged once two replicas have it (one on a single broker), so
		// losing one broker of three loses nothing acknowledged and stops nothing.
		String minInsync = Integer.toString(Math.min(2, clusterSize));
		var properties = new Properties();
		properties.putAll(Map.ofEntries(Map.entry("process.roles", "broker,controller"),
				Map.entry("node.id", Integer.toString(nodeId)), Map.entry("controller.quorum.voters", quorumVoters),
				Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
				Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
				Map.entry("controller.listener.names", "CONTROLLER"),
				Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"),
				Map.entry("log.dirs", dataDir.resolve("kraft-logs").toString()),
				// Topics are created explicitly from the topic catalogue, never by a
				// client's typo.
				Map.entry("auto.create.topics.enable", "false"),
				// Internal topics (consumer offsets, transactions, Streams changelogs,
				// Connect's) replicated like the application's own.
				Map.entry("default.replication.factor", replicas), Map.entry("min.insync.replicas", minInsync),
				Map.entry("offsets.topic.replication.factor", replicas),
				Map.entry("transaction.state.log.replication.factor", replicas),
				Map.entry("transaction.state.log.min.isr", minInsync),
				Map.entry("share.coordinator.state.topic.replication.factor", replicas),
				Map.entry("share.coordinator.state.topic.min.isr", minInsync),
				Map.entry("group.initial.rebalance.delay.ms", "0")));
		properties.putAll(TUNED_TIMINGS);
		Path file = dataDir.resolve("server.properties");
		try {
			Files.createDirectories(dataDir);
			try (var out = Files.newBufferedWriter(file)) {
				properties.store(out, "Generated by the local stack");
			}
			return file;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not write " + file, ex);
		}
	}

	private void formatStorageOnce(Path config, String clusterId) {
		if (Files.exists(dataDir.resolve("kraft-logs").resolve("meta.properties"))) {
			return;
		}
		List<String> format = javaCommand(List.of(), "kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
				config.toString());
		try (var formatting = ManagedProcess.start("kafka-storage-format", format, Map.of(),
				dataDir.resolve("kafka-format.log"))) {
			if (formatting.awaitExit(Duration.ofSeconds(60)) != 0) {
				throw new IllegalStateException("Formatting the Kafka storage failed:\n" + formatting.logTail(20));
			}
		}
	}

	/**
	 * A KRaft cluster id: a base64url-encoded UUID, as {@code kafka-storage random-uuid}
	 * prints. Like Kafka's own, never one starting with {@code -}, which the storage tool
	 * would take for an option.
	 */
	static String newClusterId() {
		String id;
		do {
			UUID uuid = UUID.randomUUID();
			var bytes = java.nio.ByteBuffer.allocate(16)
				.putLong(uuid.getMostSignificantBits())
				.putLong(uuid.getLeastSignificantBits())
				.array();
			id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}
		while (id.startsWith("-"));
		return id;
	}

	private static List<String> javaCommand(List<String> jvmOptions, String mainClass, String... args) {
		var command = ManagedProcess.javaCommand("128m", "512m", jvmOptions);
		command.addAll(ManagedProcess.SIMPLE_LOGGER_OPTIONS);
		command.addAll(List.of("-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info", "-cp",
				System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(args));
		return command;
	}

	/** The running (or last) process, for the run command's supervisor. */
	ManagedProcess process() {
		return process;
	}

}
