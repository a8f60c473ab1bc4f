package com.fieldservice.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.AvroSerdes;

/**
 * Follows the contractor notification topic from given offsets on a thread of its own, as
 * a downstream consumer would (read_committed), and notes for each event when its
 * notification was appended (LogAppendTime) and when it became visible to this consumer.
 */
final class ContractorTail implements AutoCloseable {

	/**
	 * Epoch milliseconds of an event's notification: appended to the log, and returned by
	 * a poll.
	 */
	record Seen(long appendedAt, long visibleAt) {
	}

	private final Map<UUID, Seen> seen = new ConcurrentHashMap<>();

	private final Thread thread;

	private volatile boolean running = true;

	ContractorTail(String bootstrapServers, String registryUrl, Map<TopicPartition, Long> from) {
		// fetch.max.wait.ms bounds how late the broker may answer, hence the error of the
		// visibility time.
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.thread = Thread.ofPlatform().name("contractor-tail").start(() -> follow(config, registryUrl, from));
	}

	private void follow(Map<String, Object> config, String registryUrl, Map<TopicPartition, Long> from) {
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				AvroSerdes.<SpecificRecord>valueDeserializer(registryUrl))) {
			consumer.assign(from.keySet());
			from.forEach(consumer::seek);
			while (this.running) {
				var records = consumer.poll(Duration.ofMillis(100));
				long now = System.currentTimeMillis();
				for (ConsumerRecord<String, SpecificRecord> record : records) {
					if (record.value() instanceof JobAssigned assigned) {
						this.seen.putIfAbsent(assigned.getEventId(), new Seen(record.timestamp(), now));
					}
				}
			}
		}
	}

	/**
	 * What was seen of {@code events}, once all of them were or {@code timeout} passed.
	 */
	Map<UUID, Seen> await(Set<UUID> events, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.seen.keySet().containsAll(events) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		return Map.copyOf(this.seen);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(Duration.ofSeconds(10));
	}

}
