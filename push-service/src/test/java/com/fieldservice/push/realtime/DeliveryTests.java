package com.fieldservice.push.realtime;

import static com.fieldservice.push.realtime.JobAssignedBuilder.aJobAssigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import com.fieldservice.push.realtime.Frames.JobAssignedMessage;
import com.fieldservice.push.realtime.TestSessions.RecordingSession;
import com.fieldservice.push.security.Subscriber;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-over from catch-up to live: every record once, in order, whichever side
 * delivered it.
 */
class DeliveryTests {

	private static final Audience C7 = Audience.contractor("C-7");

	private static final StreamPartition PARTITION = StreamPartition.of(C7);

	private final JsonMapper json = JsonMapper.builder().build();

	private final Frames frames = new Frames(json);

	private final RealtimeMetrics metrics = new RealtimeMetrics(new SimpleMeterRegistry(), new Connections());

	private final RecordingSession session = TestSessions.open("phone");

	@Test
	void sendsReplayedFramesThenCaughtUpThenOnlyTheLiveFramesTheCatchUpDidNotReach() {
		var delivery = delivery(100);
		delivery.startAt(at(5));
		// Registered when the live feed stood at 8: these arrived during the catch-up.
		LongStream.rangeClosed(8, 11).forEach((offset) -> delivery.live(message(offset)));
		LongStream.rangeClosed(5, 9).forEach((offset) -> delivery.replay(notification(offset)));

		delivery.goLive(at(10));
		delivery.live(message(12));

		assertThat(written())
			.extracting((frame) -> frame.path("type").asString() + " " + frame.path("position").asString() + " "
					+ frame.path("resume").asString())
			.containsExactly(jobAssigned(5), jobAssigned(6), jobAssigned(7), jobAssigned(8), jobAssigned(9),
					"caughtUp  " + PARTITION + ":10", jobAssigned(10), jobAssigned(11), jobAssigned(12));
		assertThat(written().get(5).get("replayed").asLong()).isEqualTo(5);
	}

	@Test
	void dropsLiveFramesOfAClientThatIsAheadOfThisInstancesFeed() {
		var delivery = delivery(100);
		delivery.startAt(at(12));
		LongStream.rangeClosed(10, 12).forEach((offset) -> delivery.live(message(offset)));

		delivery.goLive(at(12));

		assertThat(written()).extracting((frame) -> frame.path("position").asString())
			.containsExactly("", PARTITION.partition() + ":12");
	}

	@Test
	void tellsAClientThatFellTooFarBehindDuringItsCatchUpToReconnectAndStopsTheCatchUp() throws Exception {
		var delivery = delivery(2);
		delivery.startAt(at(0));

		LongStream.range(10, 13).forEach((offset) -> delivery.live(message(offset)));

		verify(session.session()).close(Delivery.TOO_FAR_BEHIND);
		assertThat(Delivery.TOO_FAR_BEHIND.getCode()).isEqualTo(1013);
		assertThatExceptionOfType(CancellationException.class).isThrownBy(() -> delivery.replay(notification(0)));
	}

	@Test
	void sendsLiveFramesAtOnceOnceLive() {
		var delivery = delivery(100);
		delivery.startAt(at(3));
		delivery.goLive(at(3));

		delivery.live(message(3));

		assertThat(written()).last()
			.satisfies((frame) -> assertThat(frame.get("resume").asString()).isEqualTo(PARTITION + ":4"));
	}

	private Delivery delivery(int maxWaiting) {
		var subscriber = Subscriber.contractor("C-7");
		var connection = new Connection(session.session(), subscriber, new SendLimits(10_000, 1024 * 1024),
				Runnable::run, () -> {
				});
		return new Delivery(connection, Subscription.of(subscriber, List.of()), frames, metrics, maxWaiting,
				Instant.MAX);
	}

	private static Cursor at(long offset) {
		return Cursor.NONE.with(PARTITION, offset);
	}

	private static Notification notification(long offset) {
		var event = aJobAssigned().withEventId(new UUID(0, offset)).build();
		return Notification.of(C7, PARTITION.partition(), offset, event);
	}

	private JobAssignedMessage message(long offset) {
		return frames.jobAssigned(notification(offset));
	}

	private static String jobAssigned(long offset) {
		return "jobAssigned " + PARTITION.partition() + ":" + offset + " " + PARTITION + ":" + (offset + 1);
	}

	private List<JsonNode> written() {
		return session.written().stream().map(json::readTree).toList();
	}

}
