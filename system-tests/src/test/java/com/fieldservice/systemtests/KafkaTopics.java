package com.fieldservice.systemtests;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * Topics and consumer groups of the test stack's broker, through Kafka's admin client.
 */
final class KafkaTopics implements AutoCloseable {

	private final Admin admin;

	KafkaTopics(String bootstrapServers) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

	void create(String topic, int partitions) throws Exception {
		this.admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
	}

	/**
	 * Waits until consumer group {@code group} has committed, on every partition of
	 * {@code topic}, past the last committed record that is there now. (Not the end
	 * offset: a transactional topic ends with a commit marker no consumer commits past.)
	 */
	void awaitCaughtUp(String bootstrapServers, String group, String topic, Duration timeout) {
		Map<TopicPartition, Long> last = new HashMap<>();
		for (var record : CommittedRecords.readAll(bootstrapServers, topic, new ByteArrayDeserializer())) {
			last.merge(new TopicPartition(topic, record.partition()), record.offset(), Math::max);
		}
		await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			return last.entrySet()
				.stream()
				.allMatch((entry) -> committed.get(entry.getKey()) != null
						&& committed.get(entry.getKey()).offset() > entry.getValue());
		});
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
	}

}
