package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.TopicSpec;
import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SpringService;
import com.fieldservice.systemtests.OutboxPlan.Send;
import com.fieldservice.systemtests.OutboxWriter.Written;

/**
 * notification-streams on the real broker and registry, two instances in one group; one
 * crashes (SIGKILL) while events flow and is started again. What read_committed consumers
 * see afterwards must be each event exactly once on every output, re-sent copies dropped,
 * and every key's events in outbox order.
 */
class NotificationStreamsFailoverIntegrationTests {

	private static final int EVENTS = 20_000;

	private static final int BATCH = 100;

	/**
	 * The batches are spread over this long, so the crash and both rebalances happen
	 * while events flow.
	 */
	private static final Duration PUBLISHING = Duration.ofSeconds(30);

	private static final Duration DRAIN = Duration.ofSeconds(90);

	/**
	 * The default of STREAMS_APPLICATION_ID: the consumer group whose commits say what
	 * has been processed.
	 */
	private static final String APPLICATION_ID = "notification-streams";

	static LocalStack stack;

	@BeforeAll
	static void startStack() {
		stack = SystemStack.startInfrastructure();
		stack.startService(LocalStack.NOTIFICATION_STREAMS);
		stack.startInstance(LocalStack.NOTIFICATION_STREAMS, 2);
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void routesEveryEventExactlyOnceAndInOrderWhenAnInstanceCrashesMidRun() throws Exception {
		// Half the re-sent copies repeat events of the first quarter and come only after
		// the crash.
		var plan = OutboxPlan.create(EVENTS, BATCH, 0.25, 20_000L);

		List<Written> written = publishCrashingAndRestartingInstance2(plan);
		awaitProcessed(written);

		Map<UUID, Written> firstCopies = firstCopies(written);
		List<JobAssigned> events = plan.events();
		var canonical = read(Topics.JOB_ASSIGNED);
		var dispatcher = read(Topics.DISPATCHER_NOTIFICATIONS);
		var contractor = read(Topics.CONTRACTOR_NOTIFICATIONS);
		assertThat(written).hasSize(EVENTS + (int) plan.copies());
		DeliveryAssertions.assertEachExactlyOnce("canonical events",
				events.stream().map(JobAssigned::getEventId).toList(),
				canonical.stream().map(record -> record.value().getEventId()).toList());
		DeliveryAssertions.assertEachExactlyOnce("dispatcher notifications (event@group)",
				events.stream()
					.flatMap(e -> e.getDispatchGroups().stream().map(g -> e.getEventId() + "@" + g))
					.toList(),
				dispatcher.stream().map(record -> record.value().getEventId() + "@" + record.key()).toList());
		DeliveryAssertions.assertEachExactlyOnce("contractor notifications (event@contractor)",
				events.stream().map(e -> e.getEventId() + "@" + e.getContractorId()).toList(),
				contractor.stream().map(record -> record.value().getEventId() + "@" + record.key()).toList());
		DeliveryAssertions.assertOutboxOrderPerKey("canonical events per job", canonical, firstCopies);
		DeliveryAssertions.assertOutboxOrderPerKey("dispatcher notifications per group", dispatcher, firstCopies);
		DeliveryAssertions.assertOutboxOrderPerKey("contractor notifications per contractor", contractor, firstCopies);
		assertThat(CommittedRecords.readAll(stack.kafka().bootstrapServers(), Topics.DEAD_LETTER,
				new ByteArrayDeserializer()))
			.as("dead letters")
			.isEmpty();
	}

	/**
	 * Publishes the plan's batches evenly over {@link #PUBLISHING}; kills instance 2 just
	 * before the first batch with late copies, starts it again a tenth of the batches
	 * later, and returns once it is ready again.
	 */
	private static List<Written> publishCrashingAndRestartingInstance2(OutboxPlan plan) throws Exception {
		SpringService crashing = stack.service(LocalStack.NOTIFICATION_STREAMS, 2);
		int crashAt = plan.lateCopiesFrom();
		int restartAt = crashAt + plan.batches().size() / 10;
		var written = new ArrayList<Written>();
		CompletableFuture<Void> restarted = CompletableFuture.completedFuture(null);
		try (var outbox = new OutboxWriter(stack.kafka().bootstrapServers(), stack.registry().url())) {
			long start = System.nanoTime();
			long interval = PUBLISHING.toNanos() / plan.batches().size();
			for (int b = 0; b < plan.batches().size(); b++) {
				if (b == crashAt) {
					crashing.kill();
				}
				if (b == restartAt) {
					restarted = CompletableFuture.runAsync(() -> restart(crashing));
				}
				LockSupport.parkNanos(start + b * interval - System.nanoTime());
				written.addAll(outbox.publish(plan.batches().get(b).stream().map(Send::event).toList()));
			}
		}
		restarted.get(150, TimeUnit.SECONDS);
		assertThat(crashing.isRunning()).as("instance 2, restarted").isTrue();
		assertThat(stack.service(LocalStack.NOTIFICATION_STREAMS).isRunning()).as("instance 1").isTrue();
		return written;
	}

	private static void restart(SpringService service) {
		service.start();
		service.awaitReady(Duration.ofSeconds(120));
	}

	/**
	 * Waits until the application committed past the last outbox record: all is
	 * processed, nothing pending.
	 */
	private static void awaitProcessed(List<Written> written) throws Exception {
		var required = new LinkedHashMap<TopicPartition, Long>();
		for (Written record : written) {
			required.merge(new TopicPartition(Topics.JOB_ASSIGNED_OUTBOX.name(), record.partition()),
					record.offset() + 1, Math::max);
		}
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
			long deadline = System.nanoTime() + DRAIN.toNanos();
			Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
			while (System.nanoTime() < deadline) {
				committed = admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get();
				if (coversAll(committed, required)) {
					return;
				}
				Thread.sleep(500);
			}
			throw new AssertionError(
					"Not processed within " + DRAIN + ": committed " + committed + ", needed " + required);
		}
	}

	private static boolean coversAll(Map<TopicPartition, OffsetAndMetadata> committed,
			Map<TopicPartition, Long> required) {
		return required.entrySet()
			.stream()
			.allMatch(need -> committed.get(need.getKey()) != null
					&& committed.get(need.getKey()).offset() >= need.getValue());
	}

	private static Map<UUID, Written> firstCopies(List<Written> written) {
		var first = new LinkedHashMap<UUID, Written>();
		written.forEach(record -> first.putIfAbsent(record.event().getEventId(), record));
		return first;
	}

	private static List<ConsumerRecord<String, JobAssigned>> read(TopicSpec<String, ?> topic) {
		return CommittedRecords.readAll(stack.kafka().bootstrapServers(), topic,
				AvroSerdes.<JobAssigned>valueDeserializer(stack.registry().url()));
	}

}
