package com.fieldservice.push.realtime;

import static com.fieldservice.push.realtime.JobAssignedBuilder.aJobAssigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fieldservice.push.realtime.Frames.NotificationMessage;
import com.fieldservice.push.realtime.TestSessions.RecordingSession;
import com.fieldservice.push.security.Subscriber;
import com.fieldservice.schemas.Topics;

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

	private final RealtimeMetrics metrics = new RealtimeMetrics(new SimpleMeterRegistry(), new Connections(100));

	private final RecordingSession session = TestSessions.open("phone");

	@Test
	void sendsReplayedFramesThenCaughtUpThenOnlyTheLiveFramesTheCatchUpDidNotReach() {
		var delivery = delivery(100);
		delivery.startAt(at(5));
		// Registered when the live feed stood at 8: these arrived during the catch-up.
		LongStream.rangeClosed(8, 11).forEach((offset) -> delivery.live(message(offset)));
		LongStream.rangeClosed(5, 9).forEach((offset) -> delivery.replay(notification(offset)));

		delivery.goLive(at(10), Cursor.NONE);
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

		delivery.goLive(at(12), Cursor.NONE);

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

	/**
	 * After a restart the live feed starts behind: the catch-up reads past it, and the
	 * feed then delivers records the client already got from the catch-up.
	 */
	@Test
	void dropsLiveFramesTheCatchUpAlreadySentWhenTheFeedLagsBehindIt() {
		var delivery = delivery(100);
		delivery.startAt(at(5));
		LongStream.rangeClosed(5, 9).forEach((offset) -> delivery.replay(notification(offset)));
		delivery.goLive(at(10), Cursor.NONE);

		LongStream.rangeClosed(7, 11).forEach((offset) -> delivery.live(message(offset)));

		assertThat(written()).extracting((frame) -> frame.path("position").asString())
			.filteredOn((position) -> !position.isEmpty())
			.containsExactlyElementsOf(
					LongStream.rangeClosed(5, 11).mapToObj((offset) -> PARTITION.partition() + ":" + offset).toList());
	}

	@Test
	void sendsLiveFramesAtOnceOnceLive() {
		var delivery = delivery(100);
		delivery.startAt(at(3));
		delivery.goLive(at(3), Cursor.NONE);

		delivery.live(message(3));

		assertThat(written()).last()
			.satisfies((frame) -> assertThat(frame.get("resume").asString()).isEqualTo(PARTITION + ":4"));
	}

	@Nested
	class Acknowledgements {

		@Test
		void mayAcknowledgeUpToWhatTheConnectionWasSent() {
			var delivery = delivery(100);
			delivery.startAt(at(5));
			delivery.goLive(at(5), Cursor.NONE);
			delivery.live(message(5));

			delivery.checkAcknowledgement(at(6));
			delivery.checkAcknowledgement(at(3));
		}

		@Test
		void refusesAPositionTheConnectionNeverSent() {
			var delivery = delivery(100);
			delivery.startAt(at(5));
			delivery.goLive(at(5), Cursor.NONE);

			assertThatExceptionOfType(Refusal.class).isThrownBy(() -> delivery.checkAcknowledgement(at(Long.MAX_VALUE)))
				.satisfies((refusal) -> assertThat(refusal.code()).isEqualTo(Refusal.BAD_REQUEST))
				.withMessageContaining("beyond what this connection was sent");
		}

		@Test
		void refusesAPartitionOutsideTheSubscription() {
			var delivery = delivery(100);
			delivery.startAt(at(5));
			var other = new StreamPartition(PARTITION.stream(), (PARTITION.partition() + 1) % Topics.PARTITIONS);

			assertThatExceptionOfType(Refusal.class)
				.isThrownBy(() -> delivery.checkAcknowledgement(Cursor.of(Map.of(other, 1L))))
				.withMessageContaining("outside this subscription");
		}

		@Test
		void refusesAcksBeyondTheRateWithTooMany() {
			var delivery = delivery(100);
			delivery.startAt(at(5));

			assertThatExceptionOfType(Refusal.class).isThrownBy(() -> {
				for (int i = 0; i < 100; i++) {
					delivery.checkAcknowledgement(at(5));
				}
			}).satisfies((refusal) -> assertThat(refusal.closeStatus().getCode()).isEqualTo(4429));
		}

	}

	private Delivery delivery(int maxWaiting) {
		var subscriber = Subscriber.contractor("C-7");
		var connection = new Connection(session.session(), subscriber, new SendLimits(10_000, 1024 * 1024),
				Runnable::run, () -> {
				});
		return new Delivery(connection, Subscription.of(subscriber, List.of()), frames, metrics, maxWaiting,
				Instant.MAX, new AckLimit(5, 0));
	}

	private static Cursor at(long offset) {
		return Cursor.NONE.with(PARTITION, offset);
	}

	private static Notification notification(long offset) {
		var event = aJobAssigned().withEventId(new UUID(0, offset)).build();
		return Notification.of(C7, PARTITION.partition(), offset, event);
	}

	private NotificationMessage message(long offset) {
		return frames.notification(notification(offset));
	}

	private static String jobAssigned(long offset) {
		return "jobAssigned " + PARTITION.partition() + ":" + offset + " " + PARTITION + ":" + (offset + 1);
	}

	private List<JsonNode> written() {
		return session.written().stream().map(json::readTree).toList();
	}

}
