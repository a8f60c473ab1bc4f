package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.events.JobDetails;
import com.fieldservice.events.ServiceAddress;
import com.fieldservice.events.TimeSlot;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.ConnectWorker;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SnsEmulator;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;

import tools.jackson.databind.JsonNode;

/**
 * The SNS fan-out when things go wrong, on the real stack: records are delivered again (a
 * task restarted, a connector reset), SNS refuses a message, SNS is down for a while.
 * FIFO subscribers get each event once, a refused record lands in the dead-letter topic
 * with its reason while the rest flow, and nothing is lost.
 */
class SnsDeliveryFaultsIntegrationTests {

	private static final Duration DELIVERY = Duration.ofSeconds(90);

	private static final Duration QUIET = Duration.ofSeconds(5);

	private static final Instant MONDAY = Instant.parse("2030-01-07T09:00:00Z");

	static LocalStack stack;

	static AssignmentApi api;

	static SqsSubscribers subscribers;

	@BeforeAll
	static void startStack() {
		stack = SystemStack.get();
		api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
		subscribers = new SqsSubscribers(stack.snsEmulator());
	}

	@AfterAll
	static void closeClients() {
		subscribers.close();
	}

	@Test
	void aFifoQueueHoldsEachEventOnceThoughTasksRestartAndEveryRecordIsDeliveredAgain() throws Exception {
		String contractor = newContractor();
		String fifoQueue = subscribers.subscribe(SnsEmulator.FIFO_TOPIC, filterOn(contractor));
		ConnectWorker connect = stack.connect();

		var eventIds = new ArrayList<String>();
		for (int i = 0; i < 12; i++) {
			eventIds.add(assign(contractor, i).get("eventId").asString());
			if (i == 4 || i == 8) {
				connect.restartTask("sns-sink-fifo", 0);
				connect.restartTask("sns-sink-fifo", 1);
			}
		}
		assertThat(ids(subscribers.receive(fifoQueue, 12, QUIET, DELIVERY)))
			.containsExactlyInAnyOrderElementsOf(eventIds);

		// Every record of the topic published to SNS a second time, ours among them.
		connect.redeliverFromTheBeginning("sns-sink-fifo");
		connect.awaitRunning("sns-sink-fifo", DELIVERY);
		try (var kafka = new KafkaTopics(stack.kafka().bootstrapServers())) {
			kafka.awaitCaughtUp(stack.kafka().bootstrapServers(), "connect-sns-sink-fifo", Topics.JOB_ASSIGNED.name(),
					DELIVERY);
		}
		assertThat(subscribers.receive(fifoQueue, 0, QUIET, QUIET)).as("copies SNS FIFO deduplication dropped")
			.isEmpty();
	}

	@Test
	void aRecordSnsRefusesGoesToTheDeadLetterTopicWithItsReasonWhileTheOthersAreDelivered() throws Exception {
		String contractor = newContractor();
		String queue = subscribers.subscribe(SnsEmulator.TOPIC, filterOn(contractor));
		String topic = AssignmentApi.unique("test.sns-refusals");
		try (var kafka = new KafkaTopics(stack.kafka().bootstrapServers())) {
			kafka.create(topic, 1);
		}
		// Configured for topics whose MaximumMessageSize was raised to 1 MB: this one's
		// was not,
		// so SNS itself refuses the large message.
		stack.connect()
			.register("sns-sink-refusals",
					"""
							{"connector.class": "com.fieldservice.connect.sns.SnsSinkConnector", "tasks.max": "1",
							 "topics": "%s", "key.converter": "org.apache.kafka.connect.storage.StringConverter",
							 "sns.topic.arn": "%s", "message.attributes": "contractorId,dispatchGroups",
							 "batch.max.bytes": "1048576", "aws.region": "%s", "aws.endpoint.override": "%s",
							 "errors.tolerance": "all", "errors.deadletterqueue.topic.name": "%s",
							 "errors.deadletterqueue.context.headers.enable": "true"}""".formatted(topic,
							SnsEmulator.topicArn(SnsEmulator.TOPIC), SnsEmulator.REGION, stack.snsEmulator().endpoint(),
							Topics.SNS_SINK_DEAD_LETTER.name()));
		try {
			JobAssigned small = event(contractor, "Fix the boiler");
			JobAssigned large = event(contractor, "x".repeat(300_000));
			JobAssigned alsoSmall = event(contractor, "Bleed the radiators");
			produce(topic, List.of(small, large, alsoSmall));

			assertThat(ids(subscribers.receive(queue, 2, QUIET, DELIVERY)))
				.containsExactlyInAnyOrder(small.getEventId().toString(), alsoSmall.getEventId().toString());
			var deadLetters = CommittedRecords
				.readAll(stack.kafka().bootstrapServers(), Topics.SNS_SINK_DEAD_LETTER.name(),
						new ByteArrayDeserializer())
				.stream()
				.filter((record) -> topic.equals(header(record, "__connect.errors.topic")))
				.toList();
			assertThat(deadLetters).singleElement().satisfies((record) -> {
				assertThat(record.key()).isEqualTo(large.getJobId());
				assertThat(header(record, "__connect.errors.exception.message")).contains("InvalidParameter")
					.contains("too long");
			});
		}
		finally {
			stack.connect().delete("sns-sink-refusals");
		}
	}

	@Test
	void nothingIsLostWhileSnsIsDownForTwentySeconds() throws Exception {
		String contractor = newContractor();
		String queue = subscribers.subscribe(SnsEmulator.TOPIC, filterOn(contractor));
		String fifoQueue = subscribers.subscribe(SnsEmulator.FIFO_TOPIC, filterOn(contractor));
		var eventIds = new ArrayList<String>();
		for (int i = 0; i < 5; i++) {
			eventIds.add(assign(contractor, i).get("eventId").asString());
		}
		// Delivered before the outage: a message in flight when the emulator stops may
		// have been accepted, and the restarted emulator no longer remembers its FIFO
		// deduplication id (SNS itself never forgets one within 5 minutes), so it would
		// deliver the retry again.
		var received = new ArrayList<>(ids(subscribers.receive(queue, 5, QUIET, DELIVERY)));
		var receivedOnFifo = new ArrayList<>(ids(subscribers.receive(fifoQueue, 5, QUIET, DELIVERY)));

		stack.snsEmulator().stop();
		long outageEnds = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		for (int i = 5; i < 15; i++) {
			eventIds.add(assign(contractor, i).get("eventId").asString());
			Thread.sleep(1_000);
		}
		Thread.sleep(Math.max(0, (outageEnds - System.nanoTime()) / 1_000_000));
		stack.snsEmulator().start();
		stack.snsEmulator().awaitReady(Duration.ofSeconds(60));

		received.addAll(ids(subscribers.receive(queue, 10, QUIET, DELIVERY)));
		receivedOnFifo.addAll(ids(subscribers.receive(fifoQueue, 10, QUIET, DELIVERY)));
		assertThat(Set.copyOf(received)).as("every event reached the standard topic's queue")
			.containsExactlyInAnyOrderElementsOf(eventIds);
		assertThat(receivedOnFifo).as("the FIFO queue: each once").containsExactlyInAnyOrderElementsOf(eventIds);
		assertThat(stack.connect().status("sns-sink")).doesNotContain("FAILED");
	}

	private static String newContractor() {
		String group = AssignmentApi.unique("grp");
		String contractor = AssignmentApi.unique("C");
		api.createGroup(group);
		api.createContractor(contractor, "Ada Plumbing");
		return contractor;
	}

	private static JsonNode assign(String contractor, int day) {
		String job = AssignmentApi.unique("J");
		String group = AssignmentApi.unique("grp");
		api.createGroup(group);
		api.createJob(job, List.of(group));
		Instant start = MONDAY.plus(Duration.ofDays(day));
		return AssignmentApi.expect(201, api.assign(job, contractor, start, Duration.ofHours(2), null));
	}

	private static String filterOn(String contractor) {
		return "{\"contractorId\":[\"" + contractor + "\"]}";
	}

	private static List<String> ids(List<JsonNode> bodies) {
		return bodies.stream().map((body) -> body.get("eventId").asString()).toList();
	}

	private static JobAssigned event(String contractor, String title) {
		Instant start = MONDAY;
		return JobAssigned.newBuilder()
			.setEventId(UUID.randomUUID())
			.setJobId(AssignmentApi.unique("J"))
			.setAssignmentId(UUID.randomUUID().toString())
			.setContractorId(contractor)
			.setContractorName("Ada Plumbing")
			.setScheduledTimeSlot(new TimeSlot(start, start.plus(Duration.ofHours(2)), "Europe/Berlin"))
			.setOccurredAt(Instant.now())
			.setJob(new JobDetails(title, "PLUMBING",
					new ServiceAddress("1 Main Street", "Berlin", "10115", null, "DE")))
			.setDispatchGroups(List.of("north"))
			.setAssignedBy("D-1")
			.build();
	}

	private static void produce(String topic, List<JobAssigned> events) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
		try (var producer = new KafkaProducer<>(config, new StringSerializer(),
				AvroSerdes.<JobAssigned>valueSerializer(stack.registry().url()))) {
			for (JobAssigned event : events) {
				producer.send(new ProducerRecord<>(topic, event.getJobId(), event)).get();
			}
		}
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header == null) ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
	}

}
