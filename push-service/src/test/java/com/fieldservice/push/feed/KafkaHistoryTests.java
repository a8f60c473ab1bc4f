package com.fieldservice.push.feed;

import static com.fieldservice.push.realtime.JobAssignedBuilder.aJobAssigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.fieldservice.events.EventRouted;
import com.fieldservice.events.JobAssigned;
import com.fieldservice.push.realtime.Audience;
import com.fieldservice.push.realtime.Cursor;
import com.fieldservice.push.realtime.Notification;
import com.fieldservice.push.realtime.StreamPartition;

class KafkaHistoryTests {

	private static final Audience C7 = Audience.contractor("C-7");

	private static final StreamPartition PARTITION = StreamPartition.of(C7);

	private static final TopicPartition TOPIC_PARTITION = new TopicPartition(PARTITION.topic(), PARTITION.partition());

	private final MockConsumer<String, SpecificRecord> consumer = new MockConsumer<>("earliest");

	private final AtomicInteger created = new AtomicInteger();

	private final KafkaHistory history = new KafkaHistory(() -> {
		created.incrementAndGet();
		return consumer;
	});

	private final List<Notification> replayed = new ArrayList<>();

	@Test
	void replaysTheAudiencesRecordsFromThePositionUpToTheLivePosition() {
		consumer.updateBeginningOffsets(Map.of(TOPIC_PARTITION, 0L));
		// Other contractors' records share the partition.
		recordsOnPoll("C-7", "C-other", "C-7", "C-7", "C-other", "C-7");

		Cursor reached = history.replay(Set.of(C7), at(1), at(5), Duration.ofSeconds(5), replayed::add);

		assertThat(replayed).extracting(Notification::offset).containsExactly(2L, 3L, 5L);
		assertThat(replayed).allSatisfy((notification) -> assertThat(notification.audience()).isEqualTo(C7));
		assertThat(reached.offset(PARTITION)).hasValue(6);
	}

	@Test
	void skipsARecordOfATypeItHasNoFrameForAndGoesOn() {
		consumer.updateBeginningOffsets(Map.of(TOPIC_PARTITION, 0L));
		consumer.schedulePollTask(() -> {
			consumer.addRecord(
					new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), 0, "C-7", aJobAssigned().build()));
			// A type a later version may add: here, a routing receipt.
			consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), 1, "C-7",
					new EventRouted(UUID.randomUUID(), "Later", List.of(), "C-7", Instant.EPOCH)));
			consumer.addRecord(
					new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), 2, "C-7", aJobAssigned().build()));
		});

		Cursor reached = history.replay(Set.of(C7), at(0), at(2), Duration.ofSeconds(5), replayed::add);

		assertThat(replayed).extracting(Notification::offset).containsExactly(0L, 2L);
		assertThat(reached.offset(PARTITION)).hasValue(3);
	}

	@Test
	void reusesItsConsumerForTheNextCatchUp() {
		consumer.updateBeginningOffsets(Map.of(TOPIC_PARTITION, 0L));
		recordsOnPoll("C-7", "C-7");
		history.replay(Set.of(C7), at(0), at(1), Duration.ofSeconds(5), replayed::add);
		recordsOnPoll("C-7", "C-7");

		history.replay(Set.of(C7), at(1), at(2), Duration.ofSeconds(5), replayed::add);

		assertThat(created).hasValue(1);
		assertThat(replayed).extracting(Notification::offset).containsExactly(0L, 1L, 1L);
	}

	@Test
	void givesUpAtTheTimeoutAndClosesTheConsumer() {
		consumer.updateBeginningOffsets(Map.of(TOPIC_PARTITION, 0L));

		assertThatIllegalStateException()
			.isThrownBy(() -> history.replay(Set.of(C7), at(0), at(3), Duration.ofMillis(300), replayed::add));
		assertThat(consumer.closed()).isTrue();
	}

	private void recordsOnPoll(String... keys) {
		consumer.schedulePollTask(() -> {
			for (int offset = 0; offset < keys.length; offset++) {
				JobAssigned event = aJobAssigned().withEventId(new UUID(0, offset)).build();
				consumer.addRecord(
						new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, keys[offset], event));
			}
		});
	}

	private static Cursor at(long offset) {
		return Cursor.NONE.with(PARTITION, offset);
	}

}
