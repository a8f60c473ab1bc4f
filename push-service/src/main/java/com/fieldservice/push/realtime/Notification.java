package com.fieldservice.push.realtime;

import com.fieldservice.events.JobAssigned;

/**
 * One record of a notification topic, to be pushed to its audience.
 *
 * @param audience the record's stream and key
 * @param partition the partition of the record's topic
 * @param offset the record's offset in that partition
 * @param event the JobAssigned it carries
 */
public record Notification(Audience audience, int partition, long offset, JobAssigned event) {

	public static Notification of(Audience audience, int partition, long offset, JobAssigned event) {
		return new Notification(audience, partition, offset, event);
	}

	public StreamPartition streamPartition() {
		return new StreamPartition(audience.role(), partition);
	}

	/** Where the record sits in its topic, as {@code partition:offset}. */
	String position() {
		return partition + ":" + offset;
	}

}
