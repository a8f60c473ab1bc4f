package com.fieldservice.push.realtime;

import static com.fieldservice.push.realtime.JobAssignedBuilder.aJobAssigned;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fieldservice.push.realtime.TestSessions.RecordingSession;
import com.fieldservice.push.security.Subscriber;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

class NotificationDispatcherTests {

	private static final SendLimits LIMITS = new SendLimits(10_000, 1024 * 1024);

	private final Connections connections = new Connections(100);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RealtimeMetrics metrics = new RealtimeMetrics(registry, connections);

	private final Frames frames = new Frames(JsonMapper.builder().build());

	private final NotificationDispatcher dispatcher = new NotificationDispatcher(connections, frames);

	@Test
	void aDispatcherReceivesRecordsOfItsGroups() {
		var dispatcher1 = connect("s1", Subscriber.dispatcher("D-1", List.of("north", "emergency")));

		dispatch(Audience.dispatchGroup("emergency"));

		assertThat(dispatcher1.written()).singleElement().asString().contains("\"key\":\"emergency\"");
	}

	@Test
	void aDispatcherDoesNotReceiveRecordsOfOtherGroups() {
		var dispatcher2 = connect("s2", Subscriber.dispatcher("D-2", List.of("south")));

		dispatch(Audience.dispatchGroup("north"));

		assertThat(dispatcher2.written()).isEmpty();
	}

	@Test
	void anEventRoutedToTwoOfADispatchersGroupsArrivesOncePerGroup() {
		var dispatcher1 = connect("s1", Subscriber.dispatcher("D-1", List.of("north", "emergency")));

		dispatch(Audience.dispatchGroup("north"));
		dispatch(Audience.dispatchGroup("emergency"));

		assertThat(dispatcher1.written()).hasSize(2)
			.allSatisfy((frame) -> assertThat(frame).contains("\"eventId\":\"7f9c2b1e-4d3a-4c5b-9e8f-0a1b2c3d4e5f\""));
	}

	@Test
	void aContractorReceivesItsRecordsOnEveryDevice() {
		var phone = connect("phone", Subscriber.contractor("C-7"));
		var tablet = connect("tablet", Subscriber.contractor("C-7"));

		dispatch(Audience.contractor("C-7"));

		assertThat(phone.written()).singleElement().asString().contains("\"stream\":\"contractor\"");
		assertThat(tablet.written()).isEqualTo(phone.written());
	}

	@Test
	void anotherContractorDoesNotReceiveThem() {
		var other = connect("s8", Subscriber.contractor("C-8"));

		dispatch(Audience.contractor("C-7"));

		assertThat(other.written()).isEmpty();
	}

	@Test
	void aContractorNeverReceivesTheDispatcherStreamEvenWhenTheKeyMatchesItsId() {
		var contractor = connect("s1", Subscriber.contractor("north"));

		dispatch(Audience.dispatchGroup("north"));

		assertThat(contractor.written()).isEmpty();
	}

	@Test
	void aClosedSessionReceivesNothingMore() {
		var dispatcher1 = connect("s1", Subscriber.dispatcher("D-1", List.of("north")));
		connections.remove("s1");

		dispatch(Audience.dispatchGroup("north"));

		assertThat(dispatcher1.written()).isEmpty();
		assertThat(connections.of(Audience.dispatchGroup("north"))).isEmpty();
	}

	@Test
	void countsFramesHandedToSessionsAndOpenSessionsByRole() {
		connect("phone", Subscriber.contractor("C-7"));
		connect("tablet", Subscriber.contractor("C-7"));
		connect("s1", Subscriber.dispatcher("D-1", List.of("north")));

		dispatch(Audience.contractor("C-7"));

		assertThat(registry.get("push.messages.delivered")
			.tag("stream", "contractor")
			.tag("delivery", "live")
			.counter()
			.count()).isEqualTo(2);
		assertThat(registry.get("push.sessions").tag("role", "contractor").gauge().value()).isEqualTo(2);
		assertThat(registry.get("push.sessions").tag("role", "dispatcher").gauge().value()).isEqualTo(1);
	}

	private RecordingSession connect(String sessionId, Subscriber subscriber) {
		var session = TestSessions.open(sessionId);
		// Sends run on the calling thread, so assertions need no waiting.
		var connection = new Connection(session.session(), subscriber, LIMITS, Runnable::run, metrics::cutOff);
		var delivery = new Delivery(connection, Subscription.of(subscriber, List.of()), frames, metrics, 100,
				Instant.MAX, new AckLimit(5, 0));
		dispatcher.register(delivery);
		delivery.goLive(Cursor.NONE, Cursor.NONE);
		session.written().clear();
		return session;
	}

	private long nextOffset = 10;

	/**
	 * Each call is a record of its own, as on the topic: one partition, the next offset.
	 */
	private void dispatch(Audience audience) {
		var event = aJobAssigned().withEventId(UUID.fromString("7f9c2b1e-4d3a-4c5b-9e8f-0a1b2c3d4e5f")).build();
		dispatcher.dispatch(Notification.of(audience, 1, nextOffset++, event));
	}

}
