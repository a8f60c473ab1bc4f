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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SpringService;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.testsupport.WebSocketTestClient;

import tools.jackson.databind.JsonNode;

/**
 * Reconnecting with the last resume position, on the real stack: the client gets
 * everything it missed, from Kafka, then live events, with no gap and no duplicate, on
 * another instance and after a push-service restart alike.
 */
class ReconnectIntegrationTests {

	private static final Duration DELIVERY = Duration.ofSeconds(30);

	private static final AtomicInteger slots = new AtomicInteger();

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
	void aClientReconnectingToAnotherInstanceCatchesUpWithoutGapsOrDuplicatesWhileEventsKeepComing() throws Exception {
		Fixture fixture = new Fixture();
		var received = new ArrayList<JsonNode>();
		String resume;
		try (var first = WebSocketTestClient.connect(pushUrl(1), fixture.token())) {
			assertThat(first.next("caughtUp", DELIVERY)).isNotNull();
			List<String> before = fixture.assign(3);
			received.addAll(fixture.receive(first, before.size()));
			resume = received.getLast().get("resume").asString();
		}
		List<String> missed = fixture.assign(4);
		fixture.awaitRouted(missed);

		// More assignments while the client reconnects: some arrive during its catch-up,
		// some after.
		var during = CompletableFuture.supplyAsync(() -> fixture.assign(4));
		try (var second = WebSocketTestClient.connect(pushUrl(2), fixture.token(), "resume=" + resume)) {
			List<JsonNode> caughtUp = second.until("caughtUp", DELIVERY);
			assertThat(caughtUp).as("frames up to caughtUp").isNotNull();
			assertThat(caughtUp.getLast().get("replayed").asInt()).isGreaterThanOrEqualTo(missed.size());
			caughtUp.stream().filter(ReconnectIntegrationTests::isJobAssigned).forEach(received::add);
			during.join();
			List<String> all = List.copyOf(fixture.posted);
			received.addAll(fixture.receive(second, all.size() - received.size()));

			// The hand-over from catch-up to live must not send a record twice. An event
			// may still come twice from two records, when a transaction of
			// notification-streams aborted (push-service reads uncommitted; the
			// protocol has clients dedupe by eventId): not this test's subject.
			assertThat(offsets(received)).as("no record twice").doesNotHaveDuplicates();
			assertThat(eventIds(received).stream().distinct()).as("no gap").containsExactlyInAnyOrderElementsOf(all);
			assertThat(offsets(received)).as("in order").isSorted();
			assertThat(second.next("jobAssigned", Duration.ofSeconds(2))).as("nothing more").isNull();
		}
	}

	@Test
	void aClientResumesAfterItsInstanceRestartedWithWhatWasAssignedWhileItWasDown() throws Exception {
		Fixture fixture = new Fixture();
		SpringService second = PushInstances.second(stack);
		String resume;
		try (var client = WebSocketTestClient.connect(second.url(), fixture.token())) {
			resume = client.next("welcome", DELIVERY).get("resume").asString();
			assertThat(client.next("caughtUp", DELIVERY)).isNotNull();

			second.stop();

			var closed = client.closed(DELIVERY);
			assertThat(closed.code()).as("told to reconnect").isEqualTo(1012);
		}
		List<String> missed = fixture.assign(3);
		fixture.awaitRouted(missed);
		PushInstances.second(stack);

		try (var client = WebSocketTestClient.connect(second.url(), fixture.token(), "resume=" + resume)) {
			List<JsonNode> frames = client.until("caughtUp", DELIVERY);
			assertThat(frames).as("frames up to caughtUp").isNotNull();
			List<JsonNode> replayed = frames.stream().filter(ReconnectIntegrationTests::isJobAssigned).toList();
			assertThat(eventIds(replayed)).containsExactlyInAnyOrderElementsOf(missed);
			assertThat(frames.getLast().get("replayed").asInt()).isEqualTo(missed.size());
		}
		assertThat(prometheus(second)).containsPattern("push_catchups_seconds_count\\S* [1-9]");
	}

	private static boolean isJobAssigned(JsonNode frame) {
		return frame.path("type").asString().equals("jobAssigned");
	}

	private static List<String> eventIds(List<JsonNode> frames) {
		return frames.stream().map((frame) -> frame.get("eventId").asString()).toList();
	}

	/**
	 * The frames' offsets: one group, so one partition, whose offsets a client receives
	 * in order.
	 */
	private static List<Long> offsets(List<JsonNode> frames) {
		return frames.stream().map((frame) -> Long.parseLong(frame.get("position").asString().split(":")[1])).toList();
	}

	private static String pushUrl(int instance) {
		return stack.service(LocalStack.PUSH_SERVICE, instance).url();
	}

	private static String prometheus(SpringService service) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/prometheus")).build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	/** A dispatcher of one new group, and a contractor doing that group's jobs. */
	private static final class Fixture {

		final String group = AssignmentApi.unique("grp");

		final String contractor = AssignmentApi.unique("C");

		final List<String> posted = Collections.synchronizedList(new ArrayList<>());

		Fixture() {
			api.createGroup(group);
			api.createContractor(contractor, "Linus Electric");
		}

		String token() {
			return Tokens.dispatcher("D-" + group, List.of(group));
		}

		/** Assigns {@code count} new jobs of the group; returns their event ids. */
		List<String> assign(int count) {
			var eventIds = new ArrayList<String>();
			for (int i = 0; i < count; i++) {
				String job = AssignmentApi.unique("J");
				api.createJob(job, List.of(group));
				Instant start = Instant.parse("2032-01-01T00:00:00Z")
					.plus(Duration.ofHours(2L * slots.incrementAndGet()));
				String eventId = AssignmentApi
					.expect(201, api.assign(job, contractor, start.toString(),
							start.plus(Duration.ofHours(1)).toString(), null))
					.get("eventId")
					.asString();
				eventIds.add(eventId);
				posted.add(eventId);
			}
			return eventIds;
		}

		/**
		 * Waits until the events are on the dispatcher topic: a client that missed them
		 * gets them by catching up.
		 */
		void awaitRouted(List<String> eventIds) {
			await().atMost(DELIVERY).untilAsserted(() -> {
				for (String eventId : eventIds) {
					assertThat(api.asAdmin()
						.get("/api/events/" + eventId)
						.at("/routedTo/dispatchGroups")
						.values()
						.stream()
						.map(JsonNode::asString)).contains(group);
				}
			});
		}

		/** The next {@code count} jobAssigned frames. */
		List<JsonNode> receive(WebSocketTestClient client, int count) throws InterruptedException {
			var frames = new ArrayList<JsonNode>();
			for (int i = 0; i < count; i++) {
				JsonNode frame = client.next("jobAssigned", DELIVERY);
				assertThat(frame).as("notification " + (frames.size() + 1) + " of " + count).isNotNull();
				frames.add(frame);
			}
			return frames;
		}

	}

}
