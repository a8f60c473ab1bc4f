package com.fieldservice.push.realtime;

import org.springframework.web.socket.TextMessage;

import com.fieldservice.push.security.Role;

/**
 * Sends frames of other features (presence) to this instance's clients, through their
 * non-blocking send paths.
 */
public final class Broadcaster {

	private final Connections connections;

	Broadcaster(Connections connections) {
		this.connections = connections;
	}

	/** To every connected client of {@code role}. */
	public void toRole(Role role, String json) {
		var frame = new TextMessage(json);
		connections.all()
			.stream()
			.filter((delivery) -> delivery.isWelcomed() && delivery.connection().subscriber().role() == role)
			.forEach((delivery) -> delivery.connection().send(frame));
	}

	/** To one session, if it is still connected. */
	public void toSession(String sessionId, String json) {
		connections.get(sessionId)
			.filter(Delivery::isWelcomed)
			.ifPresent((delivery) -> delivery.connection().send(new TextMessage(json)));
	}

}
