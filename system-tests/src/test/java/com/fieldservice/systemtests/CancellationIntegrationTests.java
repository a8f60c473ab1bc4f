package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.events.AssignmentCancelled;
import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SnsEmulator;
import com.fieldservice.stack.SubjectCompatibility;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.testsupport.WebSocketTestClient;

import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/**
 * Cancelling an assignment on the real stack: the AssignmentCancelled event takes the
 * JobAssigned's way (outbox, dedupe, routing) to every dispatcher of the job's groups and
 * to the contractor, and to nobody else; the canonical topic holds both events once, in
 * order; SNS subscribers and the archive get it too.
 */
class CancellationIntegrationTests {

	private static final Duration DELIVERY = Duration.ofSeconds(60);

	private static final Duration NOTHING_ELSE = Duration.ofSeconds(3);

	private static final Duration ARCHIVED = Duration.ofSeconds(120);

	static LocalStack stack;

	static SqsSubscribers subscribers;

	@BeforeAll
	static void startStack() {
		stack = SystemStack.get();
		subscribers = new SqsSubscribers(stack.snsEmulator());
	}

	@AfterAll
	static void closeClients() {
		subscribers.close();
	}

	@Test
	void everyDispatcherOfTheJobsGroupsAndTheContractorSeeTheCancellationAndTheCanonicalTopicHoldsBothOnce()
			throws Exception {
		var api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
		String north = AssignmentApi.unique("grp");
		String south = AssignmentApi.unique("grp");
		String elsewhere = AssignmentApi.unique("grp");
		String contractor = AssignmentApi.unique("C");
		String otherContractor = AssignmentApi.unique("C");
		String job = AssignmentApi.unique("J");
		for (String group : List.of(north, south, elsewhere)) {
			api.createGroup(group);
		}
		api.createContractor(contractor, "Grace Hopper Heating");
		api.createContractor(otherContractor, "Ada Lovelace Electrics");
		api.createJob(job, List.of(north, south));
		String queue = subscribers.subscribe(SnsEmulator.TOPIC, "{\"contractorId\":[\"" + contractor + "\"]}");
		String push = stack.service(LocalStack.PUSH_SERVICE).url();

		try (var northDispatcher = WebSocketTestClient.connect(push, Tokens.dispatcher("D-N", List.of(north)));
				var bothGroups = WebSocketTestClient.connect(push, Tokens.dispatcher("D-B", List.of(north, south)));
				var southDispatcher = WebSocketTestClient.connect(push, Tokens.dispatcher("D-S", List.of(south)));
				var contractorDevice = WebSocketTestClient.connect(push, Tokens.contractor(contractor));
				var otherDispatcher = WebSocketTestClient.connect(push, Tokens.dispatcher("D-E", List.of(elsewhere)));
				var otherDevice = WebSocketTestClient.connect(push, Tokens.contractor(otherContractor))) {
			List<WebSocketTestClient> recipients = List.of(northDispatcher, bothGroups, southDispatcher,
					contractorDevice);
			for (var client : List.of(northDispatcher, bothGroups, southDispatcher, contractorDevice, otherDispatcher,
					otherDevice)) {
				assertThat(client.next("welcome", DELIVERY)).isNotNull();
			}

			JsonNode assignment = AssignmentApi.expect(201,
					api.assign(job, contractor, Instant.parse("2030-06-03T08:00:00Z"), Duration.ofHours(2), null));
			String assignedEventId = assignment.get("eventId").asString();
			String assignmentId = assignment.get("id").asString();
			for (var client : recipients) {
				assertThat(client.next("jobAssigned", DELIVERY)).as("jobAssigned").isNotNull();
			}

			JsonNode cancelled = AssignmentApi.expect(200, api.asDispatcherOf(job).cancel(assignmentId));
			assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");

			String cancellationId = null;
			for (var client : recipients) {
				JsonNode frame = client.next("assignmentCancelled", DELIVERY);
				assertThat(frame).as("an assignmentCancelled frame").isNotNull();
				JsonNode event = frame.get("event");
				assertThat(event.get("assignedEventId").asString()).isEqualTo(assignedEventId);
				assertThat(event.get("assignmentId").asString()).isEqualTo(assignmentId);
				assertThat(event.get("jobId").asString()).isEqualTo(job);
				assertThat(event.get("contractorId").asString()).isEqualTo(contractor);
				assertThat(event.get("cancelledBy").asString()).isEqualTo("D-1");
				assertThat(frame.get("eventId").asString()).isEqualTo(event.get("eventId").asString());
				cancellationId = frame.get("eventId").asString();
			}
			// The dispatcher of both groups gets a copy per group, with one eventId.
			JsonNode secondCopy = bothGroups.next("assignmentCancelled", DELIVERY);
			assertThat(secondCopy).isNotNull();
			assertThat(secondCopy.get("eventId").asString()).isEqualTo(cancellationId);
			for (var outsider : List.of(otherDispatcher, otherDevice)) {
				assertThat(outsider.next("assignmentCancelled", NOTHING_ELSE)).as("a frame for an outsider").isNull();
			}

			assertCanonicalTopicHoldsBothOnceInOrder(job, assignedEventId, cancellationId);
			assertRoutedInTheEventLog(api, cancellationId, contractor, north, south);
			assertSnsSubscribersReceiveBoth(queue, assignedEventId, cancellationId);
			assertArchivedOnce(job, assignedEventId, cancellationId);
		}
	}

	@Test
	void theCancellationsSubjectIsRegisteredUnderTopicAndRecordNameAndBackwardTransitive() throws Exception {
		String subject = Topics.JOB_ASSIGNED.name() + "-" + AssignmentCancelled.getClassSchema().getFullName();
		var api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
		var fixture = api.newJobAndContractor();
		String id = AssignmentApi
			.expect(201, api.assign(fixture.job(), fixture.contractor(), Instant.parse("2030-06-04T08:00:00Z"),
					Duration.ofHours(1), null))
			.get("id")
			.asString();
		AssignmentApi.expect(200, api.asDispatcherOf(fixture.job()).cancel(id));

		await().atMost(DELIVERY).untilAsserted(() -> assertThat(registry("/subjects")).contains("\"" + subject + "\""));
		assertThat(registry("/config/" + subject)).contains("BACKWARD_TRANSITIVE");
		// Once an event of each type has been through, every topic has its subjects, not
		// only the first topic a writer wrote each schema to.
		String subjects = registry("/subjects");
		assertThat(SubjectCompatibility.subjects())
			.allSatisfy((expected) -> assertThat(subjects).contains("\"" + expected + "\""));
	}

	private static void assertCanonicalTopicHoldsBothOnceInOrder(String job, String assignedEventId,
			String cancellationId) {
		await().atMost(DELIVERY).untilAsserted(() -> {
			List<ConsumerRecord<String, SpecificRecord>> records = CommittedRecords
				.readAll(stack.kafka().bootstrapServers(), Topics.JOB_ASSIGNED,
						AvroSerdes.<SpecificRecord>valueDeserializer(stack.registry().url()))
				.stream()
				.filter((record) -> job.equals(record.key()))
				.toList();
			assertThat(records).as("the job's records on " + Topics.JOB_ASSIGNED.name()).hasSize(2);
			assertThat(records.get(0).value()).isInstanceOfSatisfying(JobAssigned.class,
					(event) -> assertThat(event.getEventId()).hasToString(assignedEventId));
			assertThat(records.get(1).value()).isInstanceOfSatisfying(AssignmentCancelled.class,
					(event) -> assertThat(event.getEventId()).hasToString(cancellationId));
		});
	}

	private static void assertRoutedInTheEventLog(AssignmentApi api, String cancellationId, String contractor,
			String... groups) {
		await().atMost(DELIVERY).untilAsserted(() -> {
			JsonNode entry = api.asAdmin().get("/api/events/" + cancellationId);
			assertThat(entry.get("eventType").asString()).isEqualTo("AssignmentCancelled");
			assertThat(entry.at("/routedTo/contractorId").asString()).isEqualTo(contractor);
			var routedGroups = new ArrayList<String>();
			entry.at("/routedTo/dispatchGroups").forEach((group) -> routedGroups.add(group.asString()));
			assertThat(routedGroups).containsExactlyInAnyOrder(groups);
		});
	}

	private static void assertSnsSubscribersReceiveBoth(String queue, String assignedEventId, String cancellationId) {
		List<Message> messages = subscribers.receiveMessages(queue, 2, NOTHING_ELSE, DELIVERY);
		Map<String, String> typeByEventId = new HashMap<>();
		for (Message message : messages) {
			typeByEventId.merge(AssignmentApi.JSON.readTree(message.body()).get("eventId").asString(),
					message.messageAttributes().get("eventType").stringValue(), (a, b) -> a + "," + b);
		}
		assertThat(typeByEventId).as("event type by eventId, as SNS delivered them")
			.containsExactlyInAnyOrderEntriesOf(
					Map.of(assignedEventId, "JobAssigned", cancellationId, "AssignmentCancelled"));
	}

	private static void assertArchivedOnce(String job, String assignedEventId, String cancellationId) {
		await().atMost(ARCHIVED).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(ArchiveQueryCommand.sql(stack,
					"SELECT eventId, assignedEventId, cancelledBy, eventType FROM assignment_cancelled WHERE jobId = '"
							+ job + "'"))
				.singleElement()
				.satisfies((row) -> {
					assertThat(row.get("eventId").asString()).isEqualTo(cancellationId);
					assertThat(row.get("assignedEventId").asString()).isEqualTo(assignedEventId);
					assertThat(row.get("cancelledBy").asString()).isEqualTo("D-1");
					assertThat(row.get("eventType").asString()).isEqualTo("AssignmentCancelled");
				});
			assertThat(ArchiveQueryCommand.sql(stack, "SELECT eventId FROM job_assigned WHERE jobId = '" + job + "'"))
				.extracting((row) -> row.get("eventId").asString())
				.containsExactly(assignedEventId);
		});
	}

	private static String registry(String path) throws Exception {
		try (var http = HttpClient.newHttpClient()) {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(stack.registry().url() + "/apis/ccompat/v7" + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
			return response.body();
		}
	}

}
