package com.fieldservice.push.feed;

import static com.fieldservice.push.realtime.JobAssignedBuilder.aJobAssigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import com.fieldservice.events.EventRouted;
import com.fieldservice.events.JobAssigned;
import com.fieldservice.push.realtime.Audience;
import com.fieldservice.push.realtime.Cursor;
import com.fieldservice.push.realtime.Notification;
import com.fieldservice.push.realtime.NotificationDispatcher;
import com.fieldservice.push.realtime.StreamPartition;
import com.fieldservice.push.security.Role;
import com.fieldservice.schemas.Topics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class NotificationFeedTests {

	private static final String DISPATCHER = Topics.DISPATCHER_NOTIFICATIONS.name();

	private static final String CONTRACTOR = Topics.CONTRACTOR_NOTIFICATIONS.name();

	private static final long END = 5;

	private final MockConsumer<String, SpecificRecord> consumer = new IdleMockConsumer();

	private final NotificationDispatcher dispatcher = mock(NotificationDispatcher.class);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final NotificationFeed feed = new NotificationFeed(() -> consumer, dispatcher, new FeedProperties(true,
			"http://unused", Duration.ofMillis(10), Duration.ofMillis(10), IsolationLevel.READ_UNCOMMITTED), registry);

	@BeforeEach
	void topicsWithTwoPartitionsEach() {
		given(dispatcher.livePosition()).willReturn(Cursor.NONE);
		var endOffsets = new HashMap<TopicPartition, Long>();
		for (String topic : List.of(DISPATCHER, CONTRACTOR)) {
			consumer.updatePartitions(topic,
					IntStream.range(0, 2)
						.mapToObj((partition) -> new PartitionInfo(topic, partition, null, null, null))
						.toList());
			IntStream.range(0, 2).forEach((partition) -> endOffsets.put(new TopicPartition(topic, partition), END));
		}
		consumer.updateEndOffsets(endOffsets);
	}

	@AfterEach
	void stop() {
		if (feed.isRunning()) {
			feed.stop();
		}
	}

	@Test
	void readsEveryPartitionOfBothTopicsFromTheLiveEndWithoutAGroup() {
		feed.start();

		await().atMost(Duration.ofSeconds(5)).until(feed::isLive);
		assertThat(consumer.assignment()).containsExactlyInAnyOrder(new TopicPartition(DISPATCHER, 0),
				new TopicPartition(DISPATCHER, 1), new TopicPartition(CONTRACTOR, 0),
				new TopicPartition(CONTRACTOR, 1));
		assertThat(consumer.assignment())
			.allSatisfy((partition) -> assertThat(consumer.position(partition)).isEqualTo(END));
		assertThat(consumer.subscription()).isEmpty();
	}

	@Test
	void tellsTheDispatcherWhereLiveStartsInEveryPartition() {
		startLive();

		verify(dispatcher, timeout(5_000).atLeastOnce())
			.advance(Map.of(dispatcherPartition(0), END, dispatcherPartition(1), END,
					new StreamPartition(Role.CONTRACTOR, 0), END, new StreamPartition(Role.CONTRACTOR, 1), END));
	}

	@Test
	void resumesFromTheDispatchersPositionRatherThanTheEndWhenItReplacesAFailedConsumer() {
		given(dispatcher.livePosition()).willReturn(Cursor.of(Map.of(dispatcherPartition(1), 2L)));

		startLive();

		assertThat(consumer.position(new TopicPartition(DISPATCHER, 1))).isEqualTo(2);
		assertThat(consumer.position(new TopicPartition(DISPATCHER, 0))).isEqualTo(END);
	}

	@Test
	void dispatchesDispatcherRecordsByGroupAndContractorRecordsByContractor() {
		startLive();
		var event = aJobAssigned().build();

		consumer.addRecord(new ConsumerRecord<>(DISPATCHER, 1, END, "north", event));
		consumer.addRecord(new ConsumerRecord<>(CONTRACTOR, 0, END, "C-7", event));

		verify(dispatcher, timeout(5_000)).dispatch(Notification.of(Audience.dispatchGroup("north"), 1, END, event));
		verify(dispatcher, timeout(5_000)).dispatch(Notification.of(Audience.contractor("C-7"), 0, END, event));
	}

	@Test
	void skipsARecordOfATypeItHasNoFrameForAndCarriesOn() {
		startLive();
		var later = new EventRouted(UUID.randomUUID(), "Later", List.of("north"), "C-7", Instant.EPOCH);
		var event = aJobAssigned().build();

		consumer.addRecord(new ConsumerRecord<>(DISPATCHER, 1, END, "north", later));
		consumer.addRecord(new ConsumerRecord<>(DISPATCHER, 1, END + 1, "north", event));

		verify(dispatcher, timeout(5_000))
			.dispatch(Notification.of(Audience.dispatchGroup("north"), 1, END + 1, event));
		verify(dispatcher, never()).dispatch(Notification.of(Audience.dispatchGroup("north"), 1, END, later));
	}

	@Test
	void skipsAnUnreadableRecordAndCarriesOn() {
		startLive();
		var partition = new TopicPartition(CONTRACTOR, 1);
		consumer.setPollException(new RecordDeserializationException(partition, END, "unknown schema id", null));
		var event = aJobAssigned().build();

		consumer.addRecord(new ConsumerRecord<>(CONTRACTOR, 1, END + 1, "C-7", event));

		verify(dispatcher, timeout(5_000)).dispatch(Notification.of(Audience.contractor("C-7"), 1, END + 1, event));
		assertThat(registry.get("push.records.skipped").counter().count()).isEqualTo(1);
	}

	@Test
	void ignoresRecordsWithoutAKeyOrValue() {
		startLive();

		consumer.addRecord(new ConsumerRecord<>(DISPATCHER, 0, END, null, aJobAssigned().build()));
		consumer.addRecord(new ConsumerRecord<>(DISPATCHER, 0, END + 1, "north", null));

		await().atMost(Duration.ofSeconds(5))
			.until(() -> consumer.position(new TopicPartition(DISPATCHER, 0)) == END + 2);
		verify(dispatcher, never()).dispatch(any());
	}

	@Test
	void keepsTheInstanceOutOfServiceUntilTheConsumerIsLive() {
		var readiness = new NotificationFeedHealthIndicator(feed);
		assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

		startLive();

		assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void isReadyWhenConsumingIsDisabled() {
		assertThat(new NotificationFeedHealthIndicator(null).health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void isNotLiveOnceStopped() {
		startLive();

		feed.stop();

		assertThat(feed.isLive()).isFalse();
		assertThat(consumer.closed()).isTrue();
	}

	@Test
	void consumesWithoutAGroupOrCommitsAtTheConfiguredIsolationLevel() {
		Map<String, Object> config = NotificationFeed.consumerConfig(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092", ConsumerConfig.GROUP_ID_CONFIG, "x"),
				IsolationLevel.READ_UNCOMMITTED);

		assertThat(config).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
			.containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
			.containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
			.containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
	}

	private static StreamPartition dispatcherPartition(int partition) {
		return new StreamPartition(Role.DISPATCHER, partition);
	}

	private void startLive() {
		feed.start();
		await().atMost(Duration.ofSeconds(5)).until(feed::isLive);
	}

	/**
	 * MockConsumer returns at once from an empty poll; pausing like a real one keeps the
	 * test from spinning.
	 */
	private static final class IdleMockConsumer extends MockConsumer<String, SpecificRecord> {

		IdleMockConsumer() {
			super("latest");
		}

		@Override
		public ConsumerRecords<String, SpecificRecord> poll(Duration timeout) {
			ConsumerRecords<String, SpecificRecord> records = super.poll(timeout);
			if (records.isEmpty()) {
				try {
					Thread.sleep(timeout);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return records;
		}

	}

}
