package com.fieldservice.push.realtime;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fieldservice.events.AssignmentCancelled;
import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.TraceParent;

/**
 * One record of a notification topic, to be pushed to its audience.
 *
 * @param audience the record's stream and key
 * @param partition the partition of the record's topic
 * @param offset the record's offset in that partition
 * @param event the assignment event it carries (JobAssigned, AssignmentCancelled)
 * @param traceId the trace id of its {@code traceparent} header, or null
 */
public record Notification(Audience audience, int partition, long offset, SpecificRecord event, String traceId) {

	public static Notification of(Audience audience, int partition, long offset, SpecificRecord event) {
		return new Notification(audience, partition, offset, event, null);
	}

	/** The notification of a record of a notification topic. */
	public static Notification of(Audience audience, ConsumerRecord<String, SpecificRecord> record) {
		return new Notification(audience, record.partition(), record.offset(), record.value(), traceIdOf(record));
	}

	/**
	 * Whether a record of a notification topic carries an event clients have a frame for.
	 * A type added later is skipped, live and in catch-up alike, until push-service knows
	 * it, as clients skip a frame type they do not know.
	 */
	public static boolean isPushed(ConsumerRecord<String, SpecificRecord> record) {
		return record.key() != null
				&& (record.value() instanceof JobAssigned || record.value() instanceof AssignmentCancelled);
	}

	/**
	 * The trace id of a record's {@code traceparent} header; null when it has none or one
	 * that is not valid.
	 */
	public static String traceIdOf(ConsumerRecord<?, ?> record) {
		return TraceParent.traceId(record.headers()).orElse(null);
	}

	public StreamPartition streamPartition() {
		return new StreamPartition(audience.role(), partition);
	}

	/** Where the record sits in its topic, as {@code partition:offset}. */
	String position() {
		return partition + ":" + offset;
	}

}
