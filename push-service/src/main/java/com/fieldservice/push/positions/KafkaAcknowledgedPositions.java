package com.fieldservice.push.positions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fieldservice.push.realtime.AcknowledgedPositions;
import com.fieldservice.push.realtime.Cursor;
import com.fieldservice.push.security.Subscriber;
import com.fieldservice.schemas.Topics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Acknowledged positions in the compacted topic {@code push.positions.v1}, keyed by
 * subscriber. Every instance reads the whole topic into memory (one small entry per
 * subscriber) and keeps reading it, so a subscriber's position is known wherever it
 * connects next. Positions only move forward: each partition keeps the furthest offset
 * seen.
 */
final class KafkaAcknowledgedPositions implements AcknowledgedPositions {

	private static final Logger logger = LoggerFactory.getLogger(KafkaAcknowledgedPositions.class);

	private final Map<String, Cursor> positions = new ConcurrentHashMap<>();

	private final Producer<String, String> producer;

	private final Counter written;

	KafkaAcknowledgedPositions(Producer<String, String> producer, MeterRegistry registry) {
		this.producer = producer;
		this.written = Counter.builder("push.positions.acknowledged")
			.description("Acknowledged positions that moved a subscriber forward and were written to Kafka")
			.register(registry);
	}

	static String key(Subscriber subscriber) {
		return subscriber.role().wireName() + ":" + subscriber.subject();
	}

	@Override
	public Cursor of(Subscriber subscriber) {
		return positions.getOrDefault(key(subscriber), Cursor.NONE);
	}

	@Override
	public void acknowledge(Subscriber subscriber, Cursor position) {
		String key = key(subscriber);
		Cursor before = positions.get(key);
		Cursor after = positions.merge(key, position, Cursor::max);
		if (after.equals(before)) {
			return;
		}
		producer.send(new ProducerRecord<>(Topics.PUSH_POSITIONS.name(), key, after.toString()), (metadata, ex) -> {
			if (ex != null) {
				// The client's next ack writes a position at least as far.
				logger.warn("Could not store the position of " + key, ex);
			}
		});
		written.increment();
	}

	/** A record of the positions topic, written by any instance (this one included). */
	void apply(ConsumerRecord<String, String> record) {
		if (record.key() == null) {
			return;
		}
		if (record.value() == null) {
			positions.remove(record.key());
			return;
		}
		positions.merge(record.key(), Cursor.parse(record.value()), Cursor::max);
	}

}
