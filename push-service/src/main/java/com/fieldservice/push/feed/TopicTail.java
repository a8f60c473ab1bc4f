package com.fieldservice.push.feed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of a small state topic on its own thread for as long as the
 * service runs, from where its owner says, and hands each record to its owner; recreates
 * the consumer (and reads again from the start) after a failure. Every instance needs the
 * whole state, so there is no consumer group.
 */
public final class TopicTail implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(TopicTail.class);

	private final String topic;

	private final Start start;

	private final java.util.function.Consumer<ConsumerRecord<String, String>> handler;

	private final Duration pollTimeout;

	private volatile boolean caughtUp;

	private final ConsumerThread<String, String> thread;

	/** Where reading starts, e.g. at the beginning or a while ago. */
	@FunctionalInterface
	public interface Start {

		void seek(Consumer<String, String> consumer, List<TopicPartition> partitions);

	}

	public TopicTail(String topic, Supplier<Consumer<String, String>> consumers, Start start,
			java.util.function.Consumer<ConsumerRecord<String, String>> handler, Duration pollTimeout,
			Duration retryBackoff) {
		this.topic = topic;
		this.start = start;
		this.handler = handler;
		this.pollTimeout = pollTimeout;
		this.thread = new ConsumerThread<>("push-tail-" + topic, consumers, this::tail, () -> {
		}, retryBackoff, logger);
	}

	/**
	 * A consumer of a state topic with text keys and values: no group, from the oldest
	 * record if unpositioned.
	 */
	public static Consumer<String, String> consumer(KafkaProperties kafka, String clientId) {
		// State topics are written without transactions: the isolation level makes no
		// difference.
		Map<String, Object> config = NotificationFeed.consumerConfig(kafka.buildConsumerProperties(),
				IsolationLevel.READ_COMMITTED);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(FeedConfiguration.withClientId(config, clientId), new StringDeserializer(),
				new StringDeserializer());
	}

	/** Whether it has read everything the topic held when reading (first) started. */
	public boolean isCaughtUp() {
		return caughtUp;
	}

	@Override
	public void start() {
		thread.start();
	}

	@Override
	public void stop() {
		thread.stop();
	}

	@Override
	public boolean isRunning() {
		return thread.isRunning();
	}

	private void tail(Consumer<String, String> consumer) {
		var infos = consumer.partitionsFor(topic);
		if (infos == null || infos.isEmpty()) {
			throw new IllegalStateException("Topic " + topic + " does not exist (yet)");
		}
		List<TopicPartition> partitions = infos.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		consumer.assign(partitions);
		start.seek(consumer, partitions);
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
		while (thread.isRunning()) {
			consumer.poll(pollTimeout).forEach(this::handle);
			if (!caughtUp) {
				caughtUp = ends.entrySet()
					.stream()
					.allMatch((end) -> consumer.position(end.getKey()) >= end.getValue());
			}
		}
	}

	private void handle(ConsumerRecord<String, String> record) {
		try {
			handler.accept(record);
		}
		catch (RuntimeException ex) {
			// One bad record must not stop reading the rest.
			logger.error("Could not apply " + record.topic() + "-" + record.partition() + "@" + record.offset(), ex);
		}
	}

}
