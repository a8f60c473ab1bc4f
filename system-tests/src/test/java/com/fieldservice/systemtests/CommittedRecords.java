package com.fieldservice.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fieldservice.schemas.TopicSpec;

/**
 * Reads a whole topic as a downstream consumer sees it
 * ({@code isolation.level=read_committed}): every committed record, partition by
 * partition in offset order, up to the last stable offset at the time of the call.
 */
final class CommittedRecords {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private CommittedRecords() {
	}

	static <V> List<ConsumerRecord<String, V>> readAll(String bootstrapServers, TopicSpec<?, ?> topic,
			Deserializer<V> values) {
		return readAll(bootstrapServers, topic.name(), values);
	}

	static <V> List<ConsumerRecord<String, V>> readAll(String bootstrapServers, String topic, Deserializer<V> values) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
				false);
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			// With read_committed, the end offsets are the last stable offsets.
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			var records = new ArrayList<ConsumerRecord<String, V>>();
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("Could not read " + topic + " to its end within " + TIMEOUT);
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			// Grouped by partition, each partition in offset order: the order a
			// single-partition reader sees.
			records.sort(Comparator.<ConsumerRecord<String, V>>comparingInt(ConsumerRecord::partition)
				.thenComparingLong(ConsumerRecord::offset));
			return records;
		}
	}

}
