package com.fieldservice.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the broker alone does with records the size of a notification: a plain idempotent
 * producer ({@code acks=all}) as fast as it can, a {@code read_committed} consumer
 * reading them back, on a topic of six partitions like the pipeline's.
 */
final class RawKafka {

	/** About the size of a JobAssigned notification in Avro. */
	static final int RECORD_SIZE = 400;

	private RawKafka() {
	}

	record Result(int records, int size, double perSecond) {
	}

	static Result run(String bootstrapServers, int records) throws Exception {
		String topic = "benchmark.raw-kafka." + System.nanoTime();
		try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(topic, 6, (short) -1))).all().get(30, TimeUnit.SECONDS);
		}
		byte[] value = new byte[RECORD_SIZE];
		try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
				var producer = new KafkaProducer<byte[], byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
						bootstrapServers, ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
						true, ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(),
						new ByteArraySerializer())) {
			consumer.subscribe(List.of(topic));
			consumer.poll(Duration.ofSeconds(5));
			long start = System.nanoTime();
			for (int i = 0; i < records; i++) {
				producer.send(new ProducerRecord<>(topic, ("job-" + i).getBytes(), value));
			}
			producer.flush();
			int received = 0;
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (received < records && System.nanoTime() < deadline) {
				received += consumer.poll(Duration.ofMillis(100)).count();
			}
			return new Result(records, RECORD_SIZE, received / ((System.nanoTime() - start) / 1e9));
		}
	}

}
