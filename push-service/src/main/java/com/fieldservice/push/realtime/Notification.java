package com.fieldservice.push.realtime;

import com.fieldservice.events.JobAssigned;

/**
 * One record of a notification topic, to be pushed to its audience.
 *
 * @param audience the record's stream and key
 * @param position where the record sits in its topic, as {@code partition:offset}
 * @param event the JobAssigned it carries
 */
public record Notification(Audience audience, String position, JobAssigned event) {

	public static Notification of(Audience audience, int partition, long offset, JobAssigned event) {
		return new Notification(audience, partition + ":" + offset, event);
	}

}
