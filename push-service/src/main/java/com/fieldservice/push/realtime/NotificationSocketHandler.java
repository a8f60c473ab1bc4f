package com.fieldservice.push.realtime;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import com.fieldservice.push.security.Subscriber;

/**
 * The {@code /ws} endpoint: admits each authenticated client (or refuses it with an error
 * frame and a close reason), stores the positions it acknowledges, and forgets it when it
 * closes.
 */
final class NotificationSocketHandler extends TextWebSocketHandler {

	private static final Logger logger = LoggerFactory.getLogger(NotificationSocketHandler.class);

	private static final CloseStatus UNAUTHENTICATED = CloseStatus.POLICY_VIOLATION.withReason("no valid token");

	private final Admission admission;

	private final Connections connections;

	private final AcknowledgedPositions acknowledged;

	private final ClientFrames clientFrames;

	private final Frames frames;

	private final ApplicationEventPublisher events;

	NotificationSocketHandler(Admission admission, Connections connections, AcknowledgedPositions acknowledged,
			ClientFrames clientFrames, Frames frames, ApplicationEventPublisher events) {
		this.admission = admission;
		this.connections = connections;
		this.acknowledged = acknowledged;
		this.clientFrames = clientFrames;
		this.frames = frames;
		this.events = events;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		var subscriber = Subscriber.of(session.getPrincipal());
		if (subscriber.isEmpty()) {
			// Unreachable while the security filter chain guards /ws; kept so a config
			// slip cannot leak events.
			session.close(UNAUTHENTICATED);
			return;
		}
		try {
			admission.admit(session, subscriber.get());
			events.publishEvent(new SessionOpened(session.getId(), subscriber.get()));
		}
		catch (Refusal refusal) {
			logger.info("Refused " + subscriber.get().role().wireName() + " " + subscriber.get().subject() + ": "
					+ refusal.getMessage());
			refuse(session, refusal);
		}
	}

	/**
	 * Written directly: the error frame is the session's first, so nothing else writes
	 * and nothing can block.
	 */
	private void refuse(WebSocketSession session, Refusal refusal) {
		try {
			session.sendMessage(frames.error(refusal));
			session.close(refusal.closeStatus());
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Refusing session " + session.getId() + " failed", ex);
		}
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		connections.get(session.getId()).ifPresent((delivery) -> {
			try {
				Cursor position = clientFrames.acknowledgement(message.getPayload());
				delivery.checkAcknowledgement(position);
				acknowledged.acknowledge(delivery.connection().subscriber(), position);
			}
			catch (Refusal refusal) {
				delivery.connection().send(frames.error(refusal));
				if (refusal.code().equals(Refusal.TOO_MANY)) {
					delivery.connection().closeLater(refusal.closeStatus());
				}
			}
		});
	}

	/**
	 * Clients send JSON text frames only: a binary one is answered as any bad frame is.
	 */
	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		connections.get(session.getId())
			.ifPresent((delivery) -> delivery.connection()
				.send(frames.error(Refusal.badRequest("clients send JSON text frames, not binary ones"))));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		connections.remove(session.getId())
			.ifPresent((delivery) -> events
				.publishEvent(new SessionClosed(session.getId(), delivery.connection().subscriber())));
	}

}
