package com.fieldservice.push.realtime;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.web.socket.TextMessage;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.fieldservice.events.AssignmentCancelled;
import com.fieldservice.events.JobAssigned;
import com.fieldservice.push.security.Subscriber;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON text frames the server sends: welcome, jobAssigned, assignmentCancelled,
 * caughtUp, error and ping.
 */
final class Frames {

	private final JsonMapper json;

	private final TextMessage ping;

	Frames(JsonMapper json) {
		this.json = json;
		this.ping = new TextMessage(json.writeValueAsString(new Ping("ping")));
	}

	/**
	 * The first frame: who the client is, what it receives, and the position its stream
	 * starts from.
	 */
	TextMessage welcome(Subscriber subscriber, Subscription subscription, Cursor start) {
		return new TextMessage(json.writeValueAsString(new Welcome("welcome", subscriber.role().wireName(),
				subscriber.subject(), subscriber.groups(), subscription.destinations(), start.toString())));
	}

	/**
	 * The frame of a notification (jobAssigned or assignmentCancelled) without its resume
	 * position, which differs per connection: serialized once per record.
	 */
	NotificationMessage notification(Notification notification) {
		String stream = notification.audience().role().wireName();
		String key = notification.audience().key();
		Object frame = switch (notification.event()) {
			case JobAssigned event -> new NotificationFrame<>("jobAssigned", stream, key, event.getEventId().toString(),
					notification.position(), notification.traceId(), JobAssignedJson.from(event));
			case AssignmentCancelled event ->
				new NotificationFrame<>("assignmentCancelled", stream, key, event.getEventId().toString(),
						notification.position(), notification.traceId(), AssignmentCancelledJson.from(event));
			default -> throw new IllegalArgumentException(
					"Not an assignment event: " + notification.event().getSchema().getFullName());
		};
		return new NotificationMessage(notification.streamPartition(), notification.offset(),
				json.writeValueAsString(frame));
	}

	/**
	 * Ends the replay of missed notifications: live ones follow. {@code complete} is
	 * false when records the client had not received were past the topics' retention;
	 * {@code oldest} then says, per such partition, where the replay had to start.
	 */
	TextMessage caughtUp(Cursor position, long replayed, Cursor oldest) {
		return new TextMessage(json.writeValueAsString(new CaughtUp("caughtUp", position.toString(), replayed,
				oldest.isEmpty(), oldest.isEmpty() ? null : oldest.toString())));
	}

	TextMessage error(Refusal refusal) {
		return new TextMessage(json.writeValueAsString(new Error("error", refusal.code(), refusal.getMessage())));
	}

	/**
	 * Keeps idle connections open through proxies and lets a stalled client be noticed
	 * (see {@link Connection}).
	 */
	TextMessage ping() {
		return ping;
	}

	/**
	 * A notification's frame waiting for its resume position, which differs per
	 * connection.
	 */
	static final class NotificationMessage {

		private final StreamPartition partition;

		private final long offset;

		private final String json;

		private final AtomicReference<Sent> lastSent = new AtomicReference<>();

		/**
		 * @param partition where the record sits
		 * @param offset the record's offset
		 * @param json the frame without {@code resume}
		 */
		NotificationMessage(StreamPartition partition, long offset, String json) {
			this.partition = partition;
			this.offset = offset;
			this.json = json;
		}

		StreamPartition partition() {
			return partition;
		}

		long offset() {
			return offset;
		}

		/**
		 * The frame with {@code "resume"} appended; positions hold only letters, digits,
		 * colons and commas.
		 */
		TextMessage withResume(Cursor resume) {
			return new TextMessage(json.substring(0, json.length() - 1) + ",\"resume\":\"" + resume + "\"}");
		}

		/**
		 * The frame for a connection whose stream stands at {@code from}, and where it
		 * stands after this record. Connections that stand at the same position share one
		 * frame: the dispatcher's clients of a group move in step, so a record fanned out
		 * to thousands of them is built about once, not once per connection.
		 */
		Sent sentFrom(Cursor from) {
			Sent last = lastSent.get();
			if (last != null && (last.from() == from || last.from().equals(from))) {
				return last;
			}
			Cursor to = from.with(partition, offset + 1);
			Sent sent = new Sent(from, to, withResume(to));
			lastSent.set(sent);
			return sent;
		}

	}

	/**
	 * A notification's frame as sent from one position, and the position it leads to.
	 */
	record Sent(Cursor from, Cursor to, TextMessage frame) {
	}

	record Welcome(String type, String role, String subject, List<String> groups, List<String> subscriptions,
			String resume) {
	}

	/**
	 * A jobAssigned or assignmentCancelled frame.
	 *
	 * @param traceId the trace of the request that assigned the job or cancelled the
	 * assignment; left out when the record carries none
	 * @param event the event as JSON
	 */
	record NotificationFrame<E>(String type, String stream, String key, String eventId, String position,
			@JsonInclude(JsonInclude.Include.NON_NULL) String traceId, E event) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CaughtUp(String type, String resume, long replayed, boolean complete, String oldest) {
	}

	record Error(String type, String code, String message) {
	}

	record Ping(String type) {
	}

}
