package com.fieldservice.systemtests;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The copies of each record on a topic as a downstream consumer sees them
 * ({@code read_committed}, from the start), counted as they arrive by one consumer that
 * keeps reading: each record is read once, however often the counts are looked at, and
 * the consumer rides out broker faults as any consumer does.
 */
final class TopicCopies<V> implements AutoCloseable {

	private final Map<String, Integer> copies = new ConcurrentHashMap<>();

	private final KafkaConsumer<String, V> consumer;

	private final Thread reader;

	/**
	 * @param identity what makes two records copies of each other (an event id, or an
	 * event id and a key)
	 */
	TopicCopies(String bootstrapServers, String topic, Deserializer<V> values,
			Function<ConsumerRecord<String, V>, String> identity) {
		// A fetch per second at most, not one per transaction the broker commits: the
		// brokers' request threads spend most of their time answering fetches, and these
		// counters wait minutes, not milliseconds.
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
				false, ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1_048_576, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
				1_000), new StringDeserializer(), values);
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
		this.reader = Thread.ofPlatform().daemon().name("copies-of-" + topic).start(() -> read(identity));
	}

	private void read(Function<ConsumerRecord<String, V>, String> identity) {
		try {
			while (true) {
				try {
					this.consumer.poll(Duration.ofMillis(500))
						.forEach((record) -> this.copies.merge(identity.apply(record), 1, Integer::sum));
				}
				catch (WakeupException ex) {
					return;
				}
				catch (RuntimeException ex) {
					// A registry stopped on purpose, say: the same records are read
					// again.
					System.out.println("  reading " + Thread.currentThread().getName() + ": " + ex);
					Thread.sleep(1_000);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.consumer.close();
		}
	}

	/** How many copies of each record were read so far. */
	int copiesOf(String identity) {
		return this.copies.getOrDefault(identity, 0);
	}

	@Override
	public void close() throws InterruptedException {
		this.consumer.wakeup();
		this.reader.join(Duration.ofSeconds(30));
	}

}
