package com.fieldservice.push.realtime;

import java.util.Collection;

import org.springframework.web.socket.TextMessage;

/**
 * Pushes each notification record to every session that may see it: dispatchers of the record's group, or every
 * device of the record's contractor. Never blocks on a client.
 */
public final class NotificationDispatcher {

	private final Connections connections;

	private final Frames frames;

	private final RealtimeMetrics metrics;

	NotificationDispatcher(Connections connections, Frames frames, RealtimeMetrics metrics) {
		this.connections = connections;
		this.frames = frames;
		this.metrics = metrics;
	}

	public void dispatch(Notification notification) {
		Collection<Connection> recipients = connections.of(notification.audience());
		if (recipients.isEmpty()) {
			return;
		}
		// Serialized once, however many sessions receive it.
		TextMessage frame = frames.jobAssigned(notification);
		recipients.forEach((connection) -> connection.send(frame));
		metrics.delivered(notification.audience().role(), recipients.size());
	}

}
