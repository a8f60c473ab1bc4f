package com.fieldservice.push.feed;

import java.time.Duration;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.springframework.beans.factory.DisposableBean;

import com.fieldservice.push.realtime.Audience;
import com.fieldservice.push.realtime.Cursor;
import com.fieldservice.push.realtime.History;
import com.fieldservice.push.realtime.Notification;
import com.fieldservice.push.realtime.StreamPartition;

/**
 * Reads what resuming clients missed straight from the notification topics: assigns the
 * partitions of the client's audiences, seeks to its position and reads up to the live
 * position, skipping other keys. Consumers are reused from one catch-up to the next; the
 * caller bounds how many run at once.
 */
final class KafkaHistory implements History, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(KafkaHistory.class);

	private final Supplier<Consumer<String, SpecificRecord>> consumers;

	/**
	 * Short: a partition can end in a transaction marker, which advances the position
	 * without returning a record, and a poll that returns nothing waits out its whole
	 * timeout.
	 */
	private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

	private static final Duration BEGINNING_TIMEOUT = Duration.ofSeconds(10);

	private final Deque<Consumer<String, SpecificRecord>> idle = new ConcurrentLinkedDeque<>();

	KafkaHistory(Supplier<Consumer<String, SpecificRecord>> consumers) {
		this.consumers = consumers;
	}

	@Override
	public Cursor replay(Set<Audience> audiences, Cursor from, Cursor to, Duration timeout,
			java.util.function.Consumer<Notification> sink) {
		Consumer<String, SpecificRecord> consumer = idle.poll();
		if (consumer == null) {
			consumer = consumers.get();
		}
		boolean reusable = false;
		try {
			Cursor reached = read(consumer, audiences, from, to, System.nanoTime() + timeout.toNanos(), sink);
			reusable = true;
			return reached;
		}
		finally {
			release(consumer, reusable);
		}
	}

	@Override
	public Cursor oldest(Set<StreamPartition> partitions) {
		Consumer<String, SpecificRecord> consumer = idle.poll();
		if (consumer == null) {
			consumer = consumers.get();
		}
		boolean reusable = false;
		try {
			Map<TopicPartition, StreamPartition> byTopicPartition = new HashMap<>();
			partitions.forEach(
					(stream) -> byTopicPartition.put(new TopicPartition(stream.topic(), stream.partition()), stream));
			Map<StreamPartition, Long> oldest = new HashMap<>();
			consumer.beginningOffsets(byTopicPartition.keySet(), BEGINNING_TIMEOUT)
				.forEach((partition, offset) -> oldest.put(byTopicPartition.get(partition), offset));
			reusable = true;
			return Cursor.of(oldest);
		}
		finally {
			release(consumer, reusable);
		}
	}

	private Cursor read(Consumer<String, SpecificRecord> consumer, Set<Audience> audiences, Cursor from, Cursor to,
			long deadline, java.util.function.Consumer<Notification> sink) {
		Map<TopicPartition, StreamPartition> remaining = new HashMap<>();
		from.partitions()
			.forEach((stream) -> remaining.put(new TopicPartition(stream.topic(), stream.partition()), stream));
		consumer.assign(remaining.keySet());
		// The caller starts a position older than the topic's retention at its oldest
		// record, and tells the client; auto.offset.reset=earliest covers a race with
		// the log cleaner.
		remaining.forEach((partition, stream) -> consumer.seek(partition, from.offset(stream).getAsLong()));
		Map<StreamPartition, Long> reached = new HashMap<>();
		while (true) {
			remaining.entrySet().removeIf((entry) -> {
				long position = consumer.position(entry.getKey());
				if (position < to.offset(entry.getValue()).orElse(0)) {
					return false;
				}
				reached.put(entry.getValue(), position);
				consumer.pause(List.of(entry.getKey()));
				return true;
			});
			if (remaining.isEmpty()) {
				return Cursor.of(reached);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Catch-up still short of " + to + " at the deadline");
			}
			poll(consumer, audiences, sink);
		}
	}

	private void poll(Consumer<String, SpecificRecord> consumer, Set<Audience> audiences,
			java.util.function.Consumer<Notification> sink) {
		try {
			for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(POLL_TIMEOUT)) {
				if (Notification.isPushed(record)) {
					Audience audience = NotificationFeed.audience(record);
					if (audiences.contains(audience)) {
						sink.accept(Notification.of(audience, record));
					}
				}
			}
		}
		catch (RecordDeserializationException ex) {
			// Skipped as the live feed skips it, so live and catch-up clients see the
			// same records.
			logger.error("Skipping unreadable record at " + ex.topicPartition() + "@" + ex.offset(), ex);
			consumer.seek(ex.topicPartition(), ex.offset() + 1);
		}
	}

	private void release(Consumer<String, SpecificRecord> consumer, boolean reusable) {
		if (reusable) {
			try {
				consumer.assign(List.of());
				idle.push(consumer);
				return;
			}
			catch (RuntimeException ex) {
				logger.debug("Could not reset a catch-up consumer; closing it", ex);
			}
		}
		consumer.close();
	}

	@Override
	public void destroy() {
		for (Consumer<String, SpecificRecord> consumer = idle.poll(); consumer != null; consumer = idle.poll()) {
			consumer.close();
		}
	}

}
