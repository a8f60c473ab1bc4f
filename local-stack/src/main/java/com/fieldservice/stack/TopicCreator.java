package com.fieldservice.stack;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import com.fieldservice.schemas.TopicSpec;
import com.fieldservice.schemas.Topics;

/**
 * Creates every topic of {@link Topics#ALL} that does not exist yet, with its partitions
 * and configs, and refuses topics that exist with another partition count: push-service
 * finds a dispatch group's or contractor's partition by hashing its key over the count of
 * the catalogue, and would miss what lands in any other. Also a {@code main} for
 * docker-compose's one-shot topic container, which then sets each subject's compatibility
 * in the registry ({@link SubjectCompatibility}).
 */
public final class TopicCreator {

	private TopicCreator() {
	}

	public static void createAll(String bootstrapServers, short replicationFactor) {
		createAll(bootstrapServers, replicationFactor, Topics.ALL);
	}

	static void createAll(String bootstrapServers, short replicationFactor, List<TopicSpec<?, ?>> catalogue) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			List<NewTopic> missing = catalogue.stream()
				.filter(topic -> !existing.contains(topic.name()))
				.map(topic -> toNewTopic(topic, replicationFactor))
				.toList();
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
			}
			refuseOtherPartitionCounts(admin, catalogue, existing);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Could not create topics on " + bootstrapServers + ": " + ex.getMessage(),
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
	}

	private static void refuseOtherPartitionCounts(Admin admin, List<TopicSpec<?, ?>> catalogue, Set<String> existing)
			throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
		List<TopicSpec<?, ?>> present = catalogue.stream().filter((topic) -> existing.contains(topic.name())).toList();
		if (present.isEmpty()) {
			return;
		}
		var described = admin.describeTopics(present.stream().map(TopicSpec::name).toList())
			.allTopicNames()
			.get(30, TimeUnit.SECONDS);
		List<String> differing = present.stream()
			.filter((topic) -> described.get(topic.name()).partitions().size() != topic.partitions())
			.map((topic) -> topic.name() + " has " + described.get(topic.name()).partitions().size()
					+ " partitions where this version expects " + topic.partitions())
			.toList();
		if (!differing.isEmpty()) {
			throw new IllegalStateException("Topics made by another version: " + String.join("; ", differing)
					+ ". Clients would miss the events of the other partitions: start on empty data"
					+ " (./scripts/run --clean) or delete these topics first.");
		}
	}

	private static NewTopic toNewTopic(TopicSpec<?, ?> topic, short replicationFactor) {
		var configs = new java.util.HashMap<>(topic.configs());
		configs.put("min.insync.replicas", Integer.toString(Math.min(2, replicationFactor)));
		return new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(configs);
	}

	/**
	 * Arguments: bootstrap servers, then the replication factor (default 1); the registry
	 * from {@code SCHEMA_REGISTRY_URL}, when set.
	 */
	public static void main(String[] args) {
		String bootstrap = args.length > 0 ? args[0]
				: System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
		short replication = Short
			.parseShort(args.length > 1 ? args[1] : System.getenv().getOrDefault("KAFKA_REPLICATION_FACTOR", "1"));
		createAll(bootstrap, replication);
		System.out.println("Topics ready: " + Topics.ALL.stream().map(TopicSpec::name).toList());
		String registry = System.getenv("SCHEMA_REGISTRY_URL");
		if (registry != null && !registry.isBlank()) {
			SubjectCompatibility.enforce(registry);
			System.out.println(SubjectCompatibility.LEVEL + " for " + SubjectCompatibility.subjects());
		}
	}

}
