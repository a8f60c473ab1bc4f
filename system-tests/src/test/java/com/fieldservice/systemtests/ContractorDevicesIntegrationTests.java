package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.testsupport.WebSocketTestClient;

import tools.jackson.databind.JsonNode;

/**
 * A contractor's devices on the real stack: each connected device gets every
 * notification, whichever instance it is connected to; a device that connects after the
 * contractor was offline, without a position of its own, gets what is pending since the
 * position the contractor last acknowledged.
 */
class ContractorDevicesIntegrationTests {

	private static final Duration DELIVERY = Duration.ofSeconds(30);

	static LocalStack stack;

	static AssignmentApi api;

	@BeforeAll
	static void startStack() {
		stack = SystemStack.get();
		PushInstances.second(stack);
		api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
	}

	@Test
	void aContractorWithTwoDevicesOnTwoInstancesGetsEachNotificationOnBoth() throws Exception {
		String contractor = newContractor();
		String token = Tokens.contractor(contractor);

		try (var phone = WebSocketTestClient.connect(pushUrl(1), token);
				var tablet = WebSocketTestClient.connect(pushUrl(2), token)) {
			assertThat(phone.next("caughtUp", DELIVERY)).isNotNull();
			assertThat(tablet.next("caughtUp", DELIVERY)).isNotNull();

			String first = assign(contractor, 0);
			String second = assign(contractor, 1);

			for (var device : List.of(phone, tablet)) {
				assertThat(eventIds(device, 2)).containsExactlyInAnyOrder(first, second);
			}
		}
	}

	@Test
	void aContractorWhoWasOfflineGetsPendingNotificationsOnConnectOnANewDevice() throws Exception {
		String contractor = newContractor();
		String token = Tokens.contractor(contractor);
		String seen;
		try (var phone = WebSocketTestClient.connect(pushUrl(1), token)) {
			assertThat(phone.next("caughtUp", DELIVERY)).isNotNull();
			seen = assign(contractor, 0);
			JsonNode frame = phone.next("jobAssigned", DELIVERY);
			assertThat(frame.get("eventId").asString()).isEqualTo(seen);
			phone.send("{\"type\":\"ack\",\"resume\":\"" + frame.get("resume").asString() + "\"}");
			awaitStoredPosition(contractor, frame.get("resume").asString());
		}

		String pendingFirst = assign(contractor, 1);
		String pendingSecond = assign(contractor, 2);
		awaitRouted(contractor, pendingFirst, pendingSecond);

		try (var laptop = WebSocketTestClient.connect(pushUrl(2), token)) {
			List<JsonNode> frames = laptop.until("caughtUp", DELIVERY);
			assertThat(frames).as("frames up to caughtUp").isNotNull();
			// Both are on the contractor's partition by now; the order there is the order
			// they were routed in.
			assertThat(frames.stream()
				.filter((frame) -> frame.path("type").asString().equals("jobAssigned"))
				.map((frame) -> frame.get("eventId").asString()))
				.containsExactlyInAnyOrder(pendingFirst, pendingSecond);
			assertThat(frames.getLast().get("replayed").asInt()).isEqualTo(2);
		}
	}

	private static String pushUrl(int instance) {
		return stack.service(LocalStack.PUSH_SERVICE, instance).url();
	}

	private static String newContractor() {
		String contractor = AssignmentApi.unique("C");
		api.createContractor(contractor, "Grace Hopper HVAC");
		return contractor;
	}

	/**
	 * Assigns a new job to the contractor in its slot {@code n}; returns the event id.
	 */
	private static String assign(String contractor, int n) {
		String group = AssignmentApi.unique("grp");
		String job = AssignmentApi.unique("J");
		api.createGroup(group);
		api.createJob(job, List.of(group));
		Instant start = Instant.parse("2031-03-03T06:00:00Z").plus(Duration.ofHours(2L * n));
		return AssignmentApi
			.expect(201,
					api.assign(job, contractor, start.toString(), start.plus(Duration.ofHours(1)).toString(), null))
			.get("eventId")
			.asString();
	}

	private static List<String> eventIds(WebSocketTestClient device, int count) throws InterruptedException {
		var ids = new ArrayList<String>();
		for (int i = 0; i < count; i++) {
			JsonNode frame = device.next("jobAssigned", DELIVERY);
			assertThat(frame).as("notification " + (i + 1)).isNotNull();
			ids.add(frame.get("eventId").asString());
		}
		return ids;
	}

	/**
	 * Waits until the events are on the contractor topic, so that they are pending when
	 * the contractor connects.
	 */
	private static void awaitRouted(String contractor, String... eventIds) {
		await().atMost(DELIVERY).untilAsserted(() -> {
			for (String eventId : eventIds) {
				assertThat(api.asAdmin().get("/api/events/" + eventId).at("/routedTo/contractorId").asString(""))
					.isEqualTo(contractor);
			}
		});
	}

	/**
	 * Reads the positions topic until the contractor's acknowledged position is there.
	 */
	private static void awaitStoredPosition(String contractor, String position) {
		var config = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG,
				AssignmentApi.unique("positions-test"));
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.PUSH_POSITIONS.name()));
			long deadline = System.nanoTime() + DELIVERY.toNanos();
			while (System.nanoTime() < deadline) {
				for (var record : consumer.poll(Duration.ofMillis(500))) {
					if (record.key().equals("contractor:" + contractor) && record.value().equals(position)) {
						return;
					}
				}
			}
		}
		throw new AssertionError("Position " + position + " of " + contractor + " not stored");
	}

}
