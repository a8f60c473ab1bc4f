package com.fieldservice.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;

/**
 * The stack's Kafka: one KRaft node, or three (as production runs it), each a combined
 * broker and controller. With three, every topic (internal ones included) has three
 * replicas and takes a write once two have it, so one broker may die without losing an
 * acknowledged record or stopping a producer.
 */
public final class KafkaCluster implements AutoCloseable {

	private final List<KafkaBroker> brokers;

	private final Path firstDataDir;

	/**
	 * @param ports each node's client and controller port, in node order
	 */
	KafkaCluster(List<int[]> ports, Path dataRoot, List<String> jvmOptions) {
		int size = ports.size();
		String voters = java.util.stream.IntStream.range(0, size)
			.mapToObj((i) -> (i + 1) + "@127.0.0.1:" + ports.get(i)[1])
			.collect(Collectors.joining(","));
		var nodes = new ArrayList<KafkaBroker>();
		for (int i = 0; i < size; i++) {
			Path dataDir = (size == 1) ? dataRoot.resolve("kafka") : dataRoot.resolve("kafka-" + (i + 1));
			nodes.add(new KafkaBroker(i + 1, ports.get(i)[0], ports.get(i)[1], dataDir, voters, size, jvmOptions));
		}
		this.brokers = List.copyOf(nodes);
		this.firstDataDir = (size == 1) ? dataRoot.resolve("kafka") : dataRoot.resolve("kafka-1");
	}

	/** Every node's client listener, comma-separated. */
	public String bootstrapServers() {
		return brokers.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
	}

	public List<KafkaBroker> brokers() {
		return brokers;
	}

	/** The broker with KRaft node id {@code nodeId} (1, 2, 3). */
	public KafkaBroker broker(int nodeId) {
		return brokers.get(nodeId - 1);
	}

	/** The replication factor of every topic: the number of brokers. */
	public short replicationFactor() {
		return (short) brokers.size();
	}

	/** Starts every node (the stopped ones only, after a crash); returns at once. */
	public void start() {
		String clusterId = existingClusterId().orElseGet(KafkaBroker::newClusterId);
		for (KafkaBroker broker : brokers) {
			if (!broker.isRunning()) {
				broker.start(clusterId);
			}
		}
	}

	/** Starts node {@code nodeId} again after it was stopped or killed. */
	public void start(int nodeId) {
		broker(nodeId).start(existingClusterId().orElseThrow());
	}

	public void awaitReady(Duration timeout) {
		brokers.forEach((broker) -> broker.awaitReady(timeout));
	}

	/** True while every node runs. */
	public boolean isRunning() {
		return brokers.stream().allMatch(KafkaBroker::isRunning);
	}

	/** Stops every node cleanly (SIGTERM), as an operator would. */
	public void stop() {
		brokers.reversed().forEach(KafkaBroker::stop);
	}

	/** Crashes every node (SIGKILL). */
	public void kill() {
		brokers.forEach(KafkaBroker::kill);
	}

	/**
	 * The node leading partition {@code partition} of {@code topic}, e.g. the transaction
	 * coordinator of a transactional id.
	 */
	public KafkaBroker leaderOf(String topic, int partition) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			TopicDescription description = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(topic);
			Node leader = description.partitions().get(partition).leader();
			return broker(leader.id());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not find the leader of " + topic + "-" + partition, ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	/** The id the nodes were formatted with, once they have been. */
	private Optional<String> existingClusterId() {
		Path meta = firstDataDir.resolve("kraft-logs").resolve("meta.properties");
		if (!Files.exists(meta)) {
			return Optional.empty();
		}
		try (var in = Files.newBufferedReader(meta)) {
			var properties = new Properties();
			properties.load(in);
			return Optional.ofNullable(properties.getProperty("cluster.id"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + meta, ex);
		}
	}

}
