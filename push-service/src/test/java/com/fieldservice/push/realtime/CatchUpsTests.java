package com.fieldservice.push.realtime;

import static com.fieldservice.push.realtime.JobAssignedBuilder.aJobAssigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fieldservice.push.realtime.TestSessions.RecordingSession;
import com.fieldservice.push.security.Role;
import com.fieldservice.push.security.Subscriber;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

class CatchUpsTests {

	private static final Audience C7 = Audience.contractor("C-7");

	private static final StreamPartition PARTITION = StreamPartition.of(C7);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RealtimeMetrics metrics = new RealtimeMetrics(registry, new Connections(100));

	private final Frames frames = new Frames(JsonMapper.builder().build());

	private final RecordingSession session = TestSessions.open("phone");

	private final AtomicReference<List<Object>> replayed = new AtomicReference<>();

	private CatchUps catchUps;

	@AfterEach
	void stop() {
		if (catchUps != null) {
			catchUps.close();
		}
	}

	@Test
	void goesLiveAtOnceWithoutReadingKafkaWhenTheClientMissedNothing() {
		catchUps = new CatchUps(failingHistory(), properties(), metrics);
		var delivery = delivery();

		catchUps.begin(delivery, at(7), at(7));

		assertThat(session.written()).singleElement().asString().contains("\"type\":\"caughtUp\"");
		assertThat(replayed.get()).isNull();
	}

	@Test
	void replaysFromTheClientsPositionUpToTheLivePositionThenGoesLive() {
		History history = (audiences, from, to, timeout, sink) -> {
			replayed.set(List.of(audiences, from, to));
			sink.accept(Notification.of(C7, PARTITION.partition(), 7, aJobAssigned().build()));
			return to;
		};
		catchUps = new CatchUps(history, properties(), metrics);
		var delivery = delivery();

		catchUps.begin(delivery, at(7).with(new StreamPartition(Role.DISPATCHER, 0), 3), at(9));

		await().atMost(Duration.ofSeconds(5)).until(() -> session.written().size() == 2);
		assertThat(replayed.get()).containsExactly(Set.of(C7), at(7), at(9));
		assertThat(session.written().get(1)).contains("\"type\":\"caughtUp\"").contains("\"replayed\":1");
		assertThat(registry.get("push.catchups").timer().count()).isEqualTo(1);
	}

	@Test
	void tellsAClientWhosePositionIsPastTheRetentionThatHistoryWasLostAndReplaysFromTheOldestRecord() {
		History history = new History() {

			@Override
			public Cursor replay(Set<Audience> audiences, Cursor from, Cursor to, Duration timeout,
					Consumer<Notification> sink) {
				replayed.set(List.of(from));
				return to;
			}

			@Override
			public Cursor oldest(Set<StreamPartition> partitions) {
				return at(40);
			}

		};
		catchUps = new CatchUps(history, properties(), metrics);

		catchUps.begin(delivery(), at(3), at(50));

		await().atMost(Duration.ofSeconds(5)).until(() -> !session.written().isEmpty());
		assertThat(replayed.get()).containsExactly(at(40));
		assertThat(session.written().getFirst()).contains("\"complete\":false")
			.contains("\"oldest\":\"" + at(40) + "\"");
	}

	@Test
	void tellsTheClientToReconnectWhenKafkaCannotBeRead() throws Exception {
		catchUps = new CatchUps(failingHistory(), properties(), metrics);

		catchUps.begin(delivery(), at(3), at(9));

		verify(session.session(), timeout(5_000)).close(CatchUps.FAILED);
		assertThat(registry.get("push.catchups.failed").counter().count()).isEqualTo(1);
	}

	@Test
	void startsLiveWhenKafkaIsOff() {
		catchUps = new CatchUps(null, properties(), metrics);

		catchUps.begin(delivery(), at(3), Cursor.NONE);

		assertThat(session.written()).singleElement().asString().contains("\"resume\":\"" + PARTITION + ":3\"");
	}

	@Test
	void findsThePartitionsWhereTheClientIsBehind() {
		var d0 = new StreamPartition(Role.DISPATCHER, 0);
		var d1 = new StreamPartition(Role.DISPATCHER, 1);
		var d2 = new StreamPartition(Role.DISPATCHER, 2);

		assertThat(CatchUps.missed(Cursor.NONE.with(d0, 5).with(d1, 9).with(d2, 4),
				Cursor.NONE.with(d0, 8).with(d1, 9).with(d2, 3)))
			.isEqualTo(Cursor.NONE.with(d0, 5));
	}

	private History failingHistory() {
		return (audiences, from, to, timeout, sink) -> {
			replayed.set(List.of(from));
			throw new IllegalStateException("broker down");
		};
	}

	private static CatchUpProperties properties() {
		return new CatchUpProperties(2, Duration.ofSeconds(5));
	}

	private Delivery delivery() {
		var subscriber = Subscriber.contractor("C-7");
		var connection = new Connection(session.session(), subscriber, new SendLimits(10_000, 1024 * 1024),
				Runnable::run, () -> {
				});
		return new Delivery(connection, Subscription.of(subscriber, List.of()), frames, metrics, 100, Instant.MAX,
				new AckLimit(5, 0));
	}

	private static Cursor at(long offset) {
		return Cursor.NONE.with(PARTITION, offset);
	}

}
