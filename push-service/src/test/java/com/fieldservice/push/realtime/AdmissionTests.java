package com.fieldservice.push.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fieldservice.push.realtime.TestSessions.RecordingSession;
import com.fieldservice.push.security.Role;
import com.fieldservice.push.security.Subscriber;
import com.fieldservice.schemas.Topics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a new connection's stream starts: the client's position, else the acknowledged
 * one, else live.
 */
class AdmissionTests {

	private static final Subscriber C7 = Subscriber.contractor("C-7");

	private static final StreamPartition PARTITION = StreamPartition.of(Audience.contractor("C-7"));

	private final JsonMapper json = JsonMapper.builder().build();

	private final Connections connections = new Connections(100);

	private final Frames frames = new Frames(json);

	private final RealtimeMetrics metrics = new RealtimeMetrics(new SimpleMeterRegistry(), connections);

	private final NotificationDispatcher dispatcher = new NotificationDispatcher(connections, frames);

	private final SenderThreads threads = new SenderThreads();

	/** Replays nothing: these tests are about where replaying starts. */
	private final CatchUps catchUps = new CatchUps((audiences, from, to, timeout, sink) -> to,
			new CatchUpProperties(1, Duration.ofSeconds(5)), metrics);

	private Cursor acknowledged = Cursor.NONE;

	private final Admission admission = new Admission(connections, dispatcher, catchUps, new AcknowledgedPositions() {

		@Override
		public Cursor of(Subscriber subscriber) {
			return acknowledged;
		}

		@Override
		public void acknowledge(Subscriber subscriber, Cursor position) {
		}

	}, frames, metrics, new SendLimits(10_000, 1024 * 1024), 5, threads);

	@AfterEach
	void stop() {
		catchUps.close();
		threads.close();
	}

	@Test
	void startsFromTheClientsOwnPositionRatherThanTheAcknowledgedOne() {
		feedAt(20);
		acknowledged = at(15);

		assertThat(welcomeResume("resume=" + at(12))).isEqualTo(at(12).toString());
	}

	@Test
	void startsFromTheAcknowledgedPositionWhenTheClientHasNone() {
		feedAt(20);
		acknowledged = at(15);

		assertThat(welcomeResume("")).isEqualTo(at(15).toString());
	}

	@Test
	void startsLiveWithoutAnyPosition() {
		feedAt(20);

		assertThat(welcomeResume("")).isEqualTo(at(20).toString());
	}

	@Test
	void ignoresPartitionsOutsideTheSubscriptionInTheClientsPosition() {
		feedAt(20);
		var other = new StreamPartition(PARTITION.stream(), (PARTITION.partition() + 1) % Topics.PARTITIONS);

		assertThat(welcomeResume("resume=" + at(12).with(other, 3))).isEqualTo(at(12).toString());
	}

	@Test
	void refusesAPositionOfTheOtherStream() {
		feedAt(20);
		var dispatcherPartition = new StreamPartition(Role.DISPATCHER, 0);

		assertThatThrownBy(() -> admit("resume=" + Cursor.of(Map.of(dispatcherPartition, 1L))))
			.isInstanceOfSatisfying(Refusal.class, (refusal) -> {
				assertThat(refusal.code()).isEqualTo(Refusal.BAD_REQUEST);
				assertThat(refusal.getMessage()).contains("dispatcher stream");
			});
	}

	@Test
	void startsAPositionBeyondTheLiveFeedWhereTheFeedStands() {
		feedAt(20);
		acknowledged = at(Long.MAX_VALUE);

		assertThat(welcomeResume("")).isEqualTo(at(20).toString());
		assertThat(welcomeResume("resume=" + at(25))).isEqualTo(at(20).toString());
	}

	@Test
	void refusesUntilTheLiveFeedIsPositioned() {
		assertThatThrownBy(() -> admit("")).isInstanceOfSatisfying(Refusal.class,
				(refusal) -> assertThat(refusal.closeStatus().getCode()).isEqualTo(1013));
		assertThat(connections.all()).isEmpty();
	}

	private String welcomeResume(String query) {
		RecordingSession session = admit(query);
		return json.readTree(session.written().getFirst()).get("resume").asString();
	}

	private RecordingSession admit(String query) {
		RecordingSession session = TestSessions.open("s1");
		given(session.session().getUri()).willReturn(URI.create("ws://127.0.0.1/ws?access_token=x&" + query));
		admission.admit(session.session(), C7);
		await().atMost(Duration.ofSeconds(5)).until(() -> !session.written().isEmpty());
		return session;
	}

	private void feedAt(long offset) {
		dispatcher.advance(Map.of(PARTITION, offset));
	}

	private static Cursor at(long offset) {
		return Cursor.NONE.with(PARTITION, offset);
	}

}
