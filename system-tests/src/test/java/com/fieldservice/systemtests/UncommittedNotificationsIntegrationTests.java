package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.events.JobDetails;
import com.fieldservice.events.ServiceAddress;
import com.fieldservice.events.TimeSlot;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.testsupport.WebSocketTestClient;

import tools.jackson.databind.JsonNode;

/**
 * push-service reads the notification topics uncommitted (its default): a notification
 * goes out as soon as it is written, before the transaction that wrote it commits, and
 * one whose transaction aborts comes again with the same eventId, live and to a client
 * resuming from the aborted copy alike.
 */
class UncommittedNotificationsIntegrationTests {

	private static final Duration DELIVERY = Duration.ofSeconds(30);

	static LocalStack stack;

	@BeforeAll
	static void startStack() {
		stack = SystemStack.get();
	}

	@Test
	void aNotificationIsPushedBeforeItsTransactionCommitsAndAnAbortedOneComesAgainWithItsEventId() throws Exception {
		String group = AssignmentApi.unique("grp");
		String token = Tokens.dispatcher("D-" + group, List.of(group));
		JobAssigned event = event(group);
		String pushUrl = stack.service(LocalStack.PUSH_SERVICE).url();
		try (var producer = transactionalProducer(); var client = WebSocketTestClient.connect(pushUrl, token)) {
			assertThat(client.next("caughtUp", DELIVERY)).isNotNull();

			producer.beginTransaction();
			send(producer, group, event);
			JsonNode uncommitted = client.next("jobAssigned", DELIVERY);
			assertThat(uncommitted).as("pushed while its transaction is open").isNotNull();
			assertThat(uncommitted.get("eventId").asString()).isEqualTo(event.getEventId().toString());

			// What notification-streams does after an abort: it processes the input again
			// and writes the same event.
			producer.abortTransaction();
			producer.beginTransaction();
			send(producer, group, event);
			producer.commitTransaction();
			JsonNode committed = client.next("jobAssigned", DELIVERY);
			assertThat(committed).as("the committed copy").isNotNull();
			assertThat(committed.get("eventId").asString()).as("same eventId: clients drop it as a duplicate")
				.isEqualTo(event.getEventId().toString());

			try (var resumed = WebSocketTestClient.connect(pushUrl, token,
					"resume=" + uncommitted.get("resume").asString())) {
				List<JsonNode> frames = resumed.until("caughtUp", DELIVERY);
				assertThat(frames).as("frames up to caughtUp").isNotNull();
				assertThat(frames.stream().filter((frame) -> frame.path("type").asString().equals("jobAssigned")))
					.as("a client resuming after the aborted copy gets the committed one")
					.singleElement()
					.satisfies((frame) -> assertThat(frame.get("position")).isEqualTo(committed.get("position")));
			}
		}
	}

	private static KafkaProducer<String, JobAssigned> transactionalProducer() {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
				ProducerConfig.TRANSACTIONAL_ID_CONFIG, AssignmentApi.unique("test-notification-streams"),
				ProducerConfig.ACKS_CONFIG, "all");
		var producer = new KafkaProducer<String, JobAssigned>(config, new StringSerializer(),
				AvroSerdes.<JobAssigned>valueSerializer(stack.registry().url()));
		producer.initTransactions();
		return producer;
	}

	private static void send(KafkaProducer<String, JobAssigned> producer, String group, JobAssigned event)
			throws Exception {
		producer.send(new ProducerRecord<>(Topics.DISPATCHER_NOTIFICATIONS.name(), group, event)).get();
	}

	private static JobAssigned event(String group) {
		Instant start = Instant.parse("2032-03-01T08:00:00Z");
		return JobAssigned.newBuilder()
			.setEventId(UUID.randomUUID())
			.setJobId(AssignmentApi.unique("J"))
			.setAssignmentId(UUID.randomUUID().toString())
			.setContractorId("C-1")
			.setContractorName("Linus Electric")
			.setScheduledTimeSlot(new TimeSlot(start, start.plus(Duration.ofHours(2)), "Europe/Berlin"))
			.setOccurredAt(Instant.now())
			.setJob(new JobDetails("Service the boiler", "HVAC_REPAIR",
					new ServiceAddress("Hauptstr. 1", "Berlin", "10115", null, "DE")))
			.setDispatchGroups(List.of(group))
			.setAssignedBy("D-" + group)
			.build();
	}

}
