package com.fieldservice.push.realtime;

import java.util.List;

import org.springframework.web.socket.TextMessage;

import com.fieldservice.push.security.Subscriber;

import tools.jackson.databind.json.JsonMapper;

/** The JSON text frames the server sends: welcome, jobAssigned and ping. */
final class Frames {

	private final JsonMapper json;

	private final TextMessage ping;

	Frames(JsonMapper json) {
		this.json = json;
		this.ping = new TextMessage(json.writeValueAsString(new Ping("ping")));
	}

	TextMessage welcome(Subscriber subscriber) {
		return new TextMessage(json.writeValueAsString(new Welcome("welcome", subscriber.role().wireName(),
				subscriber.subject(), subscriber.groups())));
	}

	TextMessage jobAssigned(Notification notification) {
		var event = notification.event();
		return new TextMessage(json.writeValueAsString(new JobAssignedFrame("jobAssigned",
				notification.audience().role().wireName(), notification.audience().key(),
				event.getEventId().toString(), notification.position(), JobAssignedJson.from(event))));
	}

	/** Keeps idle connections open through proxies and lets a stalled client be noticed (see {@link Connection}). */
	TextMessage ping() {
		return ping;
	}

	record Welcome(String type, String role, String subject, List<String> groups) {
	}

	record JobAssignedFrame(String type, String stream, String key, String eventId, String position,
			JobAssignedJson event) {
	}

	record Ping(String type) {
	}

}
