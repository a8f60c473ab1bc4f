package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.testsupport.WebSocketTestClient;

import tools.jackson.databind.JsonNode;

/**
 * The whole path through real parts: POST to assignment-service, Postgres, the outbox
 * relay, Kafka with Avro through the registry, notification-streams, push-service, and
 * WebSocket clients of a dispatcher and of the assigned contractor. Nothing on the path
 * is mocked.
 */
class EndToEndIntegrationTests {

	private static final Duration DELIVERY = Duration.ofSeconds(30);

	static LocalStack stack;

	@BeforeAll
	static void startStack() {
		stack = SystemStack.get();
	}

	@Test
	void anAssignmentReachesTheDispatcherOfItsGroupAndTheContractorWithTheExactPayload() throws Exception {
		var api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
		String group = AssignmentApi.unique("grp");
		String otherGroup = AssignmentApi.unique("grp");
		String contractor = AssignmentApi.unique("C");
		String job = AssignmentApi.unique("J");
		api.createGroup(group);
		api.createGroup(otherGroup);
		api.createContractor(contractor, "Ada Lovelace Plumbing");
		api.createJob(job, List.of(group));
		String push = stack.service(LocalStack.PUSH_SERVICE).url();

		try (var dispatcher = WebSocketTestClient.connect(push, Tokens.dispatcher("D-1", List.of(group)));
				var otherDispatcher = WebSocketTestClient.connect(push, Tokens.dispatcher("D-2", List.of(otherGroup)));
				var contractorClient = WebSocketTestClient.connect(push, Tokens.contractor(contractor))) {
			assertThat(dispatcher.next("welcome", DELIVERY)).isNotNull();
			assertThat(otherDispatcher.next("welcome", DELIVERY)).isNotNull();
			assertThat(contractorClient.next("welcome", DELIVERY)).isNotNull();

			JsonNode assignment = AssignmentApi.expect(201,
					api.assign(job, contractor, "2030-01-07T09:00:00Z", "2030-01-07T11:00:00Z", null));

			JsonNode expectedEvent = AssignmentApi.JSON.readTree(
					"""
							{"eventId":"%s","jobId":"%s","assignmentId":"%s","contractorId":"%s",
							 "contractorName":"Ada Lovelace Plumbing",
							 "scheduledTimeSlot":{"start":"2030-01-07T09:00:00Z","end":"2030-01-07T11:00:00Z","timeZone":"Europe/Berlin"},
							 "occurredAt":"%s",
							 "job":{"title":"Replace water heater","jobType":"PLUMBING",
							        "serviceAddress":{"street":"1 Main Street","city":"Berlin","postalCode":"10115","region":null,"country":"DE"}},
							 "dispatchGroups":["%s"],"assignedBy":"%s"}"""
						.formatted(assignment.get("eventId").asString(), job, assignment.get("id").asString(),
								contractor, assignment.get("createdAt").asString(), group,
								assignment.get("assignedBy").asString()));

			JsonNode toDispatcher = dispatcher.next("jobAssigned", DELIVERY);
			assertThat(toDispatcher).as("frame to the dispatcher").isNotNull();
			assertThat(toDispatcher.get("stream").asString()).isEqualTo("dispatcher");
			assertThat(toDispatcher.get("key").asString()).isEqualTo(group);
			assertThat(toDispatcher.get("eventId").asString()).isEqualTo(assignment.get("eventId").asString());
			assertThat(toDispatcher.get("position").asString()).matches("\\d+:\\d+");
			assertThat(toDispatcher.get("event")).isEqualTo(expectedEvent);

			JsonNode toContractor = contractorClient.next("jobAssigned", DELIVERY);
			assertThat(toContractor).as("frame to the contractor").isNotNull();
			assertThat(toContractor.get("stream").asString()).isEqualTo("contractor");
			assertThat(toContractor.get("key").asString()).isEqualTo(contractor);
			assertThat(toContractor.get("event")).isEqualTo(expectedEvent);

			assertThat(otherDispatcher.next("jobAssigned", Duration.ofSeconds(2)))
				.as("a dispatcher of another group gets nothing")
				.isNull();
		}
	}

	@Test
	void theEventLogShowsWhereTheEventWasPublishedAndRouted() {
		var api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
		String north = AssignmentApi.unique("grp");
		String south = AssignmentApi.unique("grp");
		String contractor = AssignmentApi.unique("C");
		String job = AssignmentApi.unique("J");
		api.createGroup(north);
		api.createGroup(south);
		api.createContractor(contractor, "Linus Electric");
		api.createJob(job, List.of(north, south));

		String eventId = AssignmentApi
			.expect(201, api.assign(job, contractor, "2030-03-01T08:00:00Z", "2030-03-01T10:00:00Z", null))
			.get("eventId")
			.asString();

		await().atMost(DELIVERY).untilAsserted(() -> {
			JsonNode entry = api.asAdmin().get("/api/events/" + eventId);
			assertThat(entry.get("eventType").asString()).isEqualTo("JobAssigned");
			assertThat(entry.at("/kafka/topic").asString()).isEqualTo("job-assigned.outbox.v1");
			assertThat(entry.at("/routedTo/contractorId").asString()).isEqualTo(contractor);
			assertThat(entry.at("/routedTo/dispatchGroups").values().stream().map(JsonNode::asString))
				.containsExactlyInAnyOrder(north, south);
		});
	}

}
