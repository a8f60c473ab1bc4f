package com.fieldservice.push.realtime;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import com.fieldservice.push.security.Subscriber;

/**
 * The {@code /ws} endpoint: greets each authenticated client with a welcome frame and registers its session for
 * the notifications it may see until it closes.
 */
final class NotificationSocketHandler extends TextWebSocketHandler {

	private static final CloseStatus UNAUTHENTICATED = CloseStatus.POLICY_VIOLATION.withReason("no valid token");

	private final Connections connections;

	private final Frames frames;

	private final SendLimits limits;

	private final SenderThreads threads;

	private final RealtimeMetrics metrics;

	NotificationSocketHandler(Connections connections, Frames frames, SendLimits limits, SenderThreads threads,
			RealtimeMetrics metrics) {
		this.connections = connections;
		this.frames = frames;
		this.limits = limits;
		this.threads = threads;
		this.metrics = metrics;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		var subscriber = Subscriber.of(session.getPrincipal());
		if (subscriber.isEmpty()) {
			// Unreachable while the security filter chain guards /ws; kept so a config slip cannot leak events.
			session.close(UNAUTHENTICATED);
			return;
		}
		var connection = new Connection(session, subscriber.get(), limits, threads::execute, metrics::cutOff);
		// Queued before the session is registered, so the welcome precedes every notification.
		connection.send(frames.welcome(subscriber.get()));
		connections.add(connection);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		// Clients have nothing to say on this channel: whatever they send (within the size limit) is ignored.
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		connections.remove(session.getId());
	}

}
