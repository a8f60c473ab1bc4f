package com.fieldservice.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import com.fieldservice.events.AssignmentCancelled;
import com.fieldservice.events.EventRouted;
import com.fieldservice.events.JobAssigned;

/**
 * Every topic of the system, with its key and value types. No other place names a topic.
 */
public final class Topics {

	/**
	 * Partitions of every event topic; more instances of a consumer scale up to this
	 * count. push-service finds a key's partition by this count: a change of it needs the
	 * topics created anew (the local stack refuses topics with another count).
	 */
	public static final int PARTITIONS = 6;

	private static final Map<String, String> DURABLE = Map.of("min.insync.replicas", "1", "cleanup.policy", "delete");

	/**
	 * The events of an assignment's life, in order: JobAssigned, then AssignmentCancelled
	 * when it is cancelled. One list for the four topics that carry them.
	 */
	public static final List<Class<? extends SpecificRecord>> ASSIGNMENT_EVENTS = List.of(JobAssigned.class,
			AssignmentCancelled.class);

	/**
	 * The assignment events as the assignment-service relay publishes them, keyed by
	 * jobId so each job's events stay in order. At-least-once: a relay crash can re-send
	 * a copy with the same eventId.
	 */
	public static final TopicSpec<String, SpecificRecord> JOB_ASSIGNED_OUTBOX = new TopicSpec<>(
			"job-assigned.outbox.v1", String.class, ASSIGNMENT_EVENTS, PARTITIONS, withRetention(Duration.ofDays(14)));

	/**
	 * The deduplicated, canonical stream of assignment events (key jobId): what
	 * downstream teams, the archive and the SNS connector consume. Each eventId appears
	 * once.
	 */
	public static final TopicSpec<String, SpecificRecord> JOB_ASSIGNED = new TopicSpec<>("job-assigned.v1",
			String.class, ASSIGNMENT_EVENTS, PARTITIONS, withRetention(Duration.ofDays(30)));

	/** One record per dispatch group of each event, keyed by dispatch group id. */
	public static final TopicSpec<String, SpecificRecord> DISPATCHER_NOTIFICATIONS = new TopicSpec<>(
			"notifications.dispatcher.v1", String.class, ASSIGNMENT_EVENTS, PARTITIONS,
			withRetention(Duration.ofDays(7)));

	/**
	 * One record per event, keyed by contractorId so each contractor's notifications stay
	 * in order.
	 */
	public static final TopicSpec<String, SpecificRecord> CONTRACTOR_NOTIFICATIONS = new TopicSpec<>(
			"notifications.contractor.v1", String.class, ASSIGNMENT_EVENTS, PARTITIONS,
			withRetention(Duration.ofDays(7)));

	/**
	 * Where each event was routed, keyed by eventId; assignment-service records it in the
	 * EventLog.
	 */
	public static final TopicSpec<String, EventRouted> EVENT_ROUTED = new TopicSpec<>("job-assigned.routed.v1",
			String.class, EventRouted.class, PARTITIONS, withRetention(Duration.ofDays(7)));

	/**
	 * Records notification-streams could not process, as the original bytes, with the
	 * reason and the source topic/partition/offset in headers.
	 */
	public static final TopicSpec<byte[], byte[]> DEAD_LETTER = new TopicSpec<>("job-assigned.dlq.v1", byte[].class,
			byte[].class, 1, withRetention(Duration.ofDays(30)));

	/**
	 * push-service's acknowledged resume positions: key {@code <role>:<subject>}, value
	 * the position as text ({@code d1:15,d2:7}). Compacted, so the latest position of
	 * every subscriber stays, whatever its age.
	 */
	public static final TopicSpec<String, String> PUSH_POSITIONS = new TopicSpec<>("push.positions.v1", String.class,
			String.class, PARTITIONS, Map.of("min.insync.replicas", "1", "cleanup.policy", "compact",
					// Only a newer position of the same subscriber replaces one, never
					// age.
					"retention.ms", "-1"));

	/**
	 * push-service's presence: key the instance id, value a JSON snapshot of the
	 * contractors connected to that instance, re-published while it runs; a tombstone
	 * when it stops. One partition keeps each instance's snapshots in order; an hour of
	 * retention is plenty since readers only look back one expiry period.
	 */
	public static final TopicSpec<String, String> PUSH_PRESENCE = new TopicSpec<>("push.presence.v1", String.class,
			String.class, 1, withRetention(Duration.ofHours(1)));

	/**
	 * Records the SNS sink connector could not publish (SNS refused them, or retries ran
	 * out), as Connect's dead-letter queue writes them: the original bytes, the reason in
	 * headers.
	 */
	public static final TopicSpec<byte[], byte[]> SNS_SINK_DEAD_LETTER = new TopicSpec<>("sns-sink.dlq.v1",
			byte[].class, byte[].class, 1, withRetention(Duration.ofDays(30)));

	/**
	 * The event archive's control topic: the Iceberg sink's coordinator and workers agree
	 * on each table commit here. Read only by the sink.
	 */
	public static final TopicSpec<byte[], byte[]> ARCHIVE_CONTROL = new TopicSpec<>("archive.control.v1", byte[].class,
			byte[].class, 1, withRetention(Duration.ofDays(7)));

	/** All topics, in the order they are created. */
	public static final List<TopicSpec<?, ?>> ALL = List.of(JOB_ASSIGNED_OUTBOX, JOB_ASSIGNED, DISPATCHER_NOTIFICATIONS,
			CONTRACTOR_NOTIFICATIONS, EVENT_ROUTED, DEAD_LETTER, PUSH_POSITIONS, PUSH_PRESENCE, SNS_SINK_DEAD_LETTER,
			ARCHIVE_CONTROL);

	private Topics() {
	}

	/** The catalogue's topic named {@code name}, if it has one. */
	public static Optional<TopicSpec<?, ?>> named(String name) {
		return ALL.stream().filter((topic) -> topic.name().equals(name)).findFirst();
	}

	private static Map<String, String> withRetention(Duration retention) {
		var configs = new java.util.HashMap<>(DURABLE);
		configs.put("retention.ms", Long.toString(retention.toMillis()));
		return configs;
	}

}
