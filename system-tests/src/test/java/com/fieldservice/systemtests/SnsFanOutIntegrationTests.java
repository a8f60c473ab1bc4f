package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SnsEmulator;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;

import tools.jackson.databind.JsonNode;

/**
 * The AWS fan-out on the real stack: assignments posted to the API reach SQS queues
 * subscribed to the SNS topics the sink connectors publish to (the emulator standing in
 * for AWS), with the event as the message body and attributes subscribers filter on.
 */
class SnsFanOutIntegrationTests {

	private static final Duration DELIVERY = Duration.ofSeconds(60);

	private static final Duration QUIET = Duration.ofSeconds(3);

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
	void queuesReceiveExactlyTheEventsTheirFilterPoliciesSelectWithTheEventAsBody() {
		String group = AssignmentApi.unique("grp");
		String otherGroup = AssignmentApi.unique("grp");
		String ada = AssignmentApi.unique("C");
		String grace = AssignmentApi.unique("C");
		api.createGroup(group);
		api.createGroup(otherGroup);
		api.createContractor(ada, "Ada Plumbing");
		api.createContractor(grace, "Grace Heating");
		String adasQueue = subscribers.subscribe(SnsEmulator.TOPIC, "{\"contractorId\":[\"" + ada + "\"]}");
		String typeQueue = subscribers.subscribe(SnsEmulator.TOPIC,
				"{\"eventType\":[\"JobAssigned\"],\"contractorId\":[\"" + grace + "\"]}");

		JsonNode forAda = assign(ada, List.of(group), 0);
		JsonNode forGrace = assign(grace, List.of(otherGroup), 1);
		JsonNode forAdaInOtherGroup = assign(ada, List.of(otherGroup), 2);

		assertThat(subscribers.receive(adasQueue, 2, QUIET, DELIVERY)).as("contractorId filter")
			.containsExactlyInAnyOrder(ExpectedEvents.of(forAda, "Ada Plumbing", List.of(group)),
					ExpectedEvents.of(forAdaInOtherGroup, "Ada Plumbing", List.of(otherGroup)));
		assertThat(subscribers.receive(typeQueue, 1, QUIET, DELIVERY)).as("eventType and contractorId filter")
			.containsExactly(ExpectedEvents.of(forGrace, "Grace Heating", List.of(otherGroup)));
	}

	/**
	 * The attributes subscribers filter on, as SNS passes them to a raw-delivery queue.
	 * The emulator compares a String.Array attribute as a whole string, where SNS matches
	 * any of its elements, so a filter on dispatchGroups is checked here by its
	 * attribute, not by a filter policy.
	 */
	@Test
	void messagesCarryTheEventTypeContractorAndDispatchGroupsAsAttributes() {
		String north = AssignmentApi.unique("grp");
		String south = AssignmentApi.unique("grp");
		String contractor = AssignmentApi.unique("C");
		api.createGroup(north);
		api.createGroup(south);
		api.createContractor(contractor, "Ada Plumbing");
		String queue = subscribers.subscribe(SnsEmulator.TOPIC, "{\"contractorId\":[\"" + contractor + "\"]}");

		assign(contractor, List.of(north, south), 0);

		var attributes = subscribers.receiveMessages(queue, 1, QUIET, DELIVERY).getFirst().messageAttributes();
		assertThat(attributes.get("eventType").dataType()).isEqualTo("String");
		assertThat(attributes.get("eventType").stringValue()).isEqualTo("JobAssigned");
		assertThat(attributes.get("contractorId").stringValue()).isEqualTo(contractor);
		assertThat(attributes.get("dispatchGroups").dataType()).isEqualTo("String.Array");
		assertThat(AssignmentApi.JSON.readTree(attributes.get("dispatchGroups").stringValue()))
			.containsExactlyInAnyOrder(AssignmentApi.JSON.readTree("\"" + north + "\""),
					AssignmentApi.JSON.readTree("\"" + south + "\""));
	}

	@Test
	void aQueueWithoutAFilterPolicyReceivesEveryEvent() {
		String group = AssignmentApi.unique("grp");
		String contractor = AssignmentApi.unique("C");
		api.createGroup(group);
		api.createContractor(contractor, "Ada Plumbing");
		String everything = subscribers.subscribe(SnsEmulator.TOPIC, null);

		var expected = new ArrayList<JsonNode>();
		for (int i = 0; i < 5; i++) {
			expected.add(ExpectedEvents.of(assign(contractor, List.of(group), i), "Ada Plumbing", List.of(group)));
		}

		List<JsonNode> received = subscribers.receive(everything, 5, QUIET, DELIVERY);
		assertThat(received).as("our events among everything the topic carried").containsAll(expected);
		assertThat(received.stream().map((body) -> body.get("eventId").asString())).as("no event twice")
			.doesNotHaveDuplicates();
	}

	private static JsonNode assign(String contractor, List<String> groups, int day) {
		String job = AssignmentApi.unique("J");
		api.createJob(job, groups);
		Instant start = MONDAY.plus(Duration.ofDays(day));
		return AssignmentApi.expect(201, api.assign(job, contractor, start, Duration.ofHours(2), null));
	}

}
