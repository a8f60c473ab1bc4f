package com.fieldservice.push.realtime;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

import com.fieldservice.push.security.Role;
import com.fieldservice.schemas.TopicSpec;
import com.fieldservice.schemas.Topics;

/**
 * One partition of a notification topic: the unit in which resume positions count
 * offsets. Written as its stream's initial and the partition number: {@code d3} is
 * partition 3 of the dispatcher topic, {@code c0} partition 0 of the contractor topic.
 *
 * @param stream the dispatcher or the contractor topic
 * @param partition the partition number
 */
public record StreamPartition(Role stream, int partition) implements Comparable<StreamPartition> {

	private static final Comparator<StreamPartition> ORDER = Comparator.comparing(StreamPartition::stream)
		.thenComparingInt(StreamPartition::partition);

	public StreamPartition {
		if (partition < 0 || partition >= topicOf(stream).partitions()) {
			throw new IllegalArgumentException("No partition " + partition + " in " + topicOf(stream).name());
		}
	}

	/**
	 * The partition holding {@code audience}'s records: notification-streams writes with
	 * the producer's default partitioner, so the same murmur2 hash of the key picks it
	 * here.
	 */
	public static StreamPartition of(Audience audience) {
		byte[] key = audience.key().getBytes(StandardCharsets.UTF_8);
		return new StreamPartition(audience.role(),
				BuiltInPartitioner.partitionForKey(key, topicOf(audience.role()).partitions()));
	}

	/**
	 * The stream partition of a topic partition, if the topic is one of the notification
	 * topics.
	 */
	public static Optional<StreamPartition> of(String topic, int partition) {
		for (Role role : Role.values()) {
			if (topicOf(role).name().equals(topic)) {
				return Optional.of(new StreamPartition(role, partition));
			}
		}
		return Optional.empty();
	}

	public static TopicSpec<String, SpecificRecord> topicOf(Role stream) {
		return switch (stream) {
			case DISPATCHER -> Topics.DISPATCHER_NOTIFICATIONS;
			case CONTRACTOR -> Topics.CONTRACTOR_NOTIFICATIONS;
		};
	}

	/** Parses {@code d3} or {@code c0}. */
	static StreamPartition parse(String code) {
		if (code.length() < 2) {
			throw new IllegalArgumentException("Not a stream partition: " + code);
		}
		Role stream = switch (code.charAt(0)) {
			case 'd' -> Role.DISPATCHER;
			case 'c' -> Role.CONTRACTOR;
			default -> throw new IllegalArgumentException("Unknown stream in " + code);
		};
		return new StreamPartition(stream, Integer.parseInt(code.substring(1)));
	}

	public String topic() {
		return topicOf(stream).name();
	}

	@Override
	public int compareTo(StreamPartition other) {
		return ORDER.compare(this, other);
	}

	@Override
	public String toString() {
		return stream.wireName().charAt(0) + Integer.toString(partition);
	}

}
