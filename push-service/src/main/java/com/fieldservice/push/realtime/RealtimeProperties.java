package com.fieldservice.push.realtime;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the WebSocket endpoint.
 *
 * @param allowedOrigins origins (besides the page's own) whose pages may open the
 * WebSocket
 * @param heartbeatInterval how often every client gets a ping frame
 * @param sendTimeLimit longest a write to one client may take before it is cut off
 * @param sendBufferLimit most bytes queued for one client before it is cut off
 * @param maxWaitingFrames most live frames kept for a client while it catches up, before
 * it is told to reconnect
 * @param maxInboundMessage largest message a client may send
 * @param closeTimeout how long shutdown waits for clients to be told to reconnect
 * @param maxConnectionsPerSubscriber most connections one subscriber (a dispatcher or a
 * contractor, on all its devices) may hold open on this instance
 * @param maxAcksPerSecond most acks a connection may send per second (each is a Kafka
 * record); a second's worth more is allowed in a burst
 */
@ConfigurationProperties("push.websocket")
record RealtimeProperties(List<String> allowedOrigins, Duration heartbeatInterval, Duration sendTimeLimit,
		DataSize sendBufferLimit, int maxWaitingFrames, DataSize maxInboundMessage, Duration closeTimeout,
		int maxConnectionsPerSubscriber, int maxAcksPerSecond) {

	RealtimeProperties {
		if (maxConnectionsPerSubscriber < 1 || maxAcksPerSecond < 1) {
			throw new IllegalArgumentException(
					"push.websocket.max-connections-per-subscriber and max-acks-per-second must be at least 1");
		}
	}

	SendLimits sendLimits() {
		return new SendLimits(Math.toIntExact(sendTimeLimit.toMillis()), Math.toIntExact(sendBufferLimit.toBytes()),
				maxWaitingFrames);
	}

}
