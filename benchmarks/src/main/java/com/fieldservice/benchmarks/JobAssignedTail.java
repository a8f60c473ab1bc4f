package com.fieldservice.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.TopicSpec;

/**
 * Follows a JobAssigned topic from its end on a thread of its own, with the isolation
 * level of the reader it stands in for, and reports the jobId of each record as soon as
 * it is visible: splits an end-to-end latency into the part before that reader and the
 * reader's own.
 */
final class JobAssignedTail implements AutoCloseable {

	private final Thread thread;

	private volatile boolean running = true;

	/**
	 * @param isolationLevel {@code read_uncommitted} as push-service reads,
	 * {@code read_committed} as the Connect sinks read
	 */
	JobAssignedTail(String bootstrapServers, String registryUrl, TopicSpec<String, ?> topic, String isolationLevel,
			Consumer<String> visibleJobIds) {
		// fetch.max.wait.ms bounds how late the broker may answer, hence the error of the
		// visibility time.
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				AvroSerdes.<SpecificRecord>valueDeserializer(registryUrl));
		List<TopicPartition> partitions = IntStream.range(0, topic.partitions())
			.mapToObj(partition -> new TopicPartition(topic.name(), partition))
			.toList();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		// seekToEnd is lazy: resolve the positions now, so that nothing appended from
		// here on is skipped.
		partitions.forEach(consumer::position);
		this.thread = Thread.ofPlatform().name(topic.name() + "-tail").start(() -> follow(consumer, visibleJobIds));
	}

	private void follow(KafkaConsumer<String, SpecificRecord> consumer, Consumer<String> visibleJobIds) {
		try (consumer) {
			while (this.running) {
				for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(100))) {
					if (record.value() instanceof JobAssigned assigned) {
						visibleJobIds.accept(assigned.getJobId());
					}
				}
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(Duration.ofSeconds(10));
	}

}
