package com.fieldservice.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fieldservice.schemas.TopicSpec;

/**
 * What the benchmarks ask of the broker: offsets, group commits, append times; a topic of
 * their own and one topic setting.
 */
final class KafkaProbe implements AutoCloseable {

	private final String bootstrapServers;

	private final Admin admin;

	KafkaProbe(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

	/** Creates {@code topic} with its partitions and configs, on this single broker. */
	void create(TopicSpec<?, ?> topic) throws Exception {
		var newTopic = new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs());
		this.admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
	}

	/**
	 * Lets the broker stamp each record of {@code topics} with its append time, so
	 * latencies need no clock of ours.
	 */
	void useLogAppendTime(TopicSpec<?, ?>... topics) throws Exception {
		var set = new AlterConfigOp(new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"),
				AlterConfigOp.OpType.SET);
		Map<ConfigResource, Collection<AlterConfigOp>> changes = Arrays.stream(topics)
			.collect(Collectors.toMap(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name()),
					topic -> List.of(set)));
		this.admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
	}

	/**
	 * The last stable offset of each partition of {@code topic}: where the next committed
	 * record will be.
	 */
	Map<TopicPartition, Long> endOffsets(TopicSpec<?, ?> topic) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = partitions(topic).stream()
			.collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
		var options = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
		return this.admin.listOffsets(latest, options)
			.all()
			.get(30, TimeUnit.SECONDS)
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
	}

	/**
	 * Commits {@code offsets} for a consumer group that has not run yet, so it starts
	 * reading there.
	 */
	void startGroupAt(String group, Map<TopicPartition, Long> offsets) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> commits = offsets.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, entry -> new OffsetAndMetadata(entry.getValue())));
		this.admin.alterConsumerGroupOffsets(group, commits).all().get(30, TimeUnit.SECONDS);
	}

	/**
	 * Waits until {@code group} has committed at least {@code offsets}: everything before
	 * them is processed.
	 */
	void awaitCommitted(String group, Map<TopicPartition, Long> offsets, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			if (offsets.entrySet()
				.stream()
				.allMatch(need -> committed.get(need.getKey()) != null
						&& committed.get(need.getKey()).offset() >= need.getValue())) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException(group + " did not process its input within " + timeout);
	}

	/**
	 * The append times (epoch ms) of the committed records of {@code topic} from
	 * {@code from} to its end now.
	 */
	long[] appendTimes(TopicSpec<?, ?> topic, Map<TopicPartition, Long> from) throws Exception {
		Map<TopicPartition, Long> to = endOffsets(topic);
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
				false);
		var times = new ArrayList<Long>();
		try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			consumer.assign(from.keySet());
			from.forEach(consumer::seek);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (from.keySet().stream().anyMatch(p -> consumer.position(p) < to.get(p))
					&& System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(record -> times.add(record.timestamp()));
			}
		}
		return times.stream().mapToLong(Long::longValue).sorted().toArray();
	}

	private List<TopicPartition> partitions(TopicSpec<?, ?> topic) {
		return IntStream.range(0, topic.partitions())
			.mapToObj(partition -> new TopicPartition(topic.name(), partition))
			.toList();
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
	}

}
