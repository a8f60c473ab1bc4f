package com.fieldservice.push.feed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.springframework.context.SmartLifecycle;

import com.fieldservice.push.realtime.Audience;
import com.fieldservice.push.realtime.Cursor;
import com.fieldservice.push.realtime.Notification;
import com.fieldservice.push.realtime.NotificationDispatcher;
import com.fieldservice.push.realtime.StreamPartition;
import com.fieldservice.schemas.TopicSpec;
import com.fieldservice.schemas.Topics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one live consumer thread: reads every partition of both notification topics from
 * the live end and dispatches each record to this instance's sessions. Every instance
 * must see every record, since each serves its own sessions, so there is no consumer
 * group and nothing is committed. What a client missed before it connected comes from
 * {@link KafkaHistory}, not from here.
 */
final class NotificationFeed implements SmartLifecycle {

	static final List<TopicSpec<String, SpecificRecord>> TOPICS = List.of(Topics.DISPATCHER_NOTIFICATIONS,
			Topics.CONTRACTOR_NOTIFICATIONS);

	private static final Logger logger = LoggerFactory.getLogger(NotificationFeed.class);

	private final NotificationDispatcher dispatcher;

	private final FeedProperties properties;

	private final Counter skipped;

	private volatile boolean live;

	private final ConsumerThread<String, SpecificRecord> thread;

	NotificationFeed(Supplier<Consumer<String, SpecificRecord>> consumers, NotificationDispatcher dispatcher,
			FeedProperties properties, MeterRegistry registry) {
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.skipped = Counter.builder("push.records.skipped")
			.description("Notification records that could not be read (deserialization failed)")
			.register(registry);
		this.thread = new ConsumerThread<>("push-feed", consumers, this::pushLive, () -> live = false,
				properties.retryBackoff(), logger);
	}

	/**
	 * Consumer settings on top of Spring Boot's {@code spring.kafka.consumer.*}: no
	 * group, no commits, live end. notification-streams writes in exactly-once
	 * transactions. Read uncommitted, a notification goes out as soon as it is written
	 * instead of at the transaction's commit (up to a commit interval later); what an
	 * aborted transaction wrote is written again by the retry with the same eventId,
	 * which clients already drop as a duplicate.
	 */
	static Map<String, Object> consumerConfig(Map<String, Object> base, IsolationLevel isolation) {
		var config = new HashMap<>(base);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
		// Topics come from the topic catalogue with their partition counts, never from a
		// consumer's metadata request.
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "push-service");
		return config;
	}

	/**
	 * Whether the consumer has every partition assigned and positioned at the end, so new
	 * records reach clients.
	 */
	boolean isLive() {
		return live;
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

	private void pushLive(Consumer<String, SpecificRecord> consumer) {
		position(consumer);
		live = true;
		logger.info("Pushing live notifications from " + consumer.assignment().size() + " partitions");
		pollUntilStopped(consumer);
	}

	/**
	 * Assigns every partition, at the position the dispatcher has reached if it has one
	 * (this consumer replaces one that failed: no record may be skipped), else at the
	 * live end.
	 */
	private void position(Consumer<String, SpecificRecord> consumer) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (TopicSpec<String, SpecificRecord> topic : TOPICS) {
			var infos = consumer.partitionsFor(topic.name());
			if (infos == null || infos.isEmpty()) {
				throw new IllegalStateException("Topic " + topic.name() + " does not exist (yet)");
			}
			infos.forEach((info) -> partitions.add(new TopicPartition(info.topic(), info.partition())));
		}
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		Cursor reached = dispatcher.livePosition();
		for (TopicPartition partition : partitions) {
			streamPartition(partition).map(reached::offset)
				.filter(OptionalLong::isPresent)
				.ifPresent((offset) -> consumer.seek(partition, offset.getAsLong()));
		}
		// seekToEnd is lazy: resolving the positions now makes "live" mean that the next
		// record will be read.
		reportPositions(consumer);
	}

	/**
	 * Tells the dispatcher where the feed stands, so that connections registering now
	 * know where live starts.
	 */
	private void reportPositions(Consumer<String, SpecificRecord> consumer) {
		Map<StreamPartition, Long> positions = new HashMap<>();
		for (TopicPartition partition : consumer.assignment()) {
			streamPartition(partition).ifPresent((stream) -> positions.put(stream, consumer.position(partition)));
		}
		dispatcher.advance(positions);
	}

	private void pollUntilStopped(Consumer<String, SpecificRecord> consumer) {
		while (thread.isRunning()) {
			try {
				consumer.poll(properties.pollTimeout()).forEach(this::dispatch);
				reportPositions(consumer);
			}
			catch (RecordDeserializationException ex) {
				// A record the registry cannot resolve would otherwise stop this
				// partition for good.
				logger.error("Skipping unreadable record at " + ex.topicPartition() + "@" + ex.offset(), ex);
				skipped.increment();
				consumer.seek(ex.topicPartition(), ex.offset() + 1);
			}
		}
	}

	private void dispatch(ConsumerRecord<String, SpecificRecord> record) {
		if (!Notification.isPushed(record)) {
			return;
		}
		try {
			dispatcher.dispatch(Notification.of(audience(record), record));
		}
		catch (RuntimeException ex) {
			// One malformed event must not stop the feed for everybody.
			logger.error("Could not push record " + record.topic() + "-" + record.partition() + "@" + record.offset()
					+ " (trace " + Notification.traceIdOf(record) + ")", ex);
		}
	}

	/**
	 * The audience of a record of either notification topic: its stream, from the topic,
	 * and its key.
	 */
	static Audience audience(ConsumerRecord<String, SpecificRecord> record) {
		return record.topic().equals(Topics.DISPATCHER_NOTIFICATIONS.name()) ? Audience.dispatchGroup(record.key())
				: Audience.contractor(record.key());
	}

	static Optional<StreamPartition> streamPartition(TopicPartition partition) {
		return StreamPartition.of(partition.topic(), partition.partition());
	}

}
