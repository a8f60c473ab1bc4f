package com.fieldservice.assignment.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.assignment.support.IntegrationTest;
import com.fieldservice.assignment.support.OutboxTopic;
import com.fieldservice.events.AssignmentCancelled;
import com.fieldservice.events.JobAssigned;

/** AssignJob through real HTTP, Postgres, the relay, Kafka and the registry. */
class AssignmentIntegrationTests extends IntegrationTest {

	static final Instant MONDAY = Instant.parse("2031-03-03T08:00:00Z");

	static final Duration TWO_HOURS = Duration.ofHours(2);

	@Test
	void concurrentPostsBecomeExactlyThatManyEventsInOrderPerJob() throws Exception {
		var api = api();
		List<AssignmentApi.Fixture> fixtures = IntStream.range(0, 20).mapToObj(i -> api.newJobAndContractor()).toList();
		Map<String, List<String>> assignmentsByJob = new ConcurrentHashMap<>();
		// Each job is assigned, cancelled and re-assigned 5 times; the 20 jobs run
		// concurrently.
		try (var pool = Executors.newFixedThreadPool(20)) {
			var rounds = new ArrayList<Future<?>>();
			for (var fixture : fixtures) {
				rounds.add(pool.submit(() -> {
					var ids = new ArrayList<String>();
					for (int round = 0; round < 5; round++) {
						var created = AssignmentApi.expect(201, api.assign(fixture.job(), fixture.contractor(),
								MONDAY.plus(Duration.ofDays(round)), TWO_HOURS, null));
						ids.add(created.get("id").asString());
						AssignmentApi.expect(200, api.asDispatcherOf(fixture.job()).cancel(ids.getLast()));
					}
					assignmentsByJob.put(fixture.job(), ids);
				}));
			}
			for (Future<?> round : rounds) {
				round.get();
			}
		}
		Set<String> jobs = assignmentsByJob.keySet();

		List<SpecificRecord> events = OutboxTopic.readEvents(stack(), jobs, 200, Duration.ofSeconds(60));

		assertThat(assignmentsOf(jobs)).isEqualTo(100);
		assertThat(events).hasSize(200);
		assertThat(events.stream().map(AssignmentIntegrationTests::describe).distinct()).hasSize(200);
		for (String job : jobs) {
			// Each assignment's JobAssigned, then its AssignmentCancelled, in the order
			// they were made.
			var expected = assignmentsByJob.get(job)
				.stream()
				.flatMap((id) -> Stream.of("assigned " + id, "cancelled " + id))
				.toList();
			assertThat(
					events.stream().filter(event -> job.equals(jobOf(event))).map(AssignmentIntegrationTests::describe))
				.as("order of job %s", job)
				.containsExactlyElementsOf(expected);
		}
		// The EventLog records where each event landed.
		Map<UUID, String> positions = OutboxTopic.positions(stack(), jobs, 200, Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(recordedPositionsOf(jobs)).isEqualTo(positions));
	}

	private Map<UUID, String> recordedPositionsOf(Set<String> jobs) {
		var recorded = new HashMap<UUID, String>();
		jdbc.sql("""
				SELECT event_id, kafka_topic || '/' || kafka_partition || '/' || kafka_offset AS position
				FROM event_log WHERE aggregate_id = ANY(?) AND published_at IS NOT NULL""")
			.param(jobs.toArray(String[]::new))
			.query((rs, row) -> recorded.put(rs.getObject("event_id", UUID.class), rs.getString("position")))
			.list();
		return recorded;
	}

	private static String describe(SpecificRecord event) {
		return switch (event) {
			case JobAssigned assigned -> "assigned " + assigned.getAssignmentId();
			case AssignmentCancelled cancelled -> "cancelled " + cancelled.getAssignmentId();
			default -> throw new AssertionError("unexpected " + event);
		};
	}

	private static String jobOf(SpecificRecord event) {
		return switch (event) {
			case JobAssigned assigned -> assigned.getJobId();
			case AssignmentCancelled cancelled -> cancelled.getJobId();
			default -> throw new AssertionError("unexpected " + event);
		};
	}

	@Test
	void retriedPostsWithOneIdempotencyKeyCreateOneAssignmentAndOneEvent() throws Exception {
		var api = api();
		var fixture = api.newJobAndContractor();
		String key = AssignmentApi.unique("key");
		List<HttpResponse<String>> responses;
		try (var pool = Executors.newFixedThreadPool(10)) {
			var retries = IntStream.range(0, 10)
				.mapToObj(
						i -> pool.submit(() -> api.assign(fixture.job(), fixture.contractor(), MONDAY, TWO_HOURS, key)))
				.toList();
			responses = new ArrayList<>();
			for (var retry : retries) {
				responses.add(retry.get());
			}
		}

		assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(201));
		assertThat(responses.stream().map(HttpResponse::body).collect(Collectors.toSet())).hasSize(1);
		assertThat(assignmentsOf(Set.of(fixture.job()))).isEqualTo(1);
		assertThat(OutboxTopic.read(stack(), Set.of(fixture.job()), 1, Duration.ofSeconds(30))).hasSize(1);
	}

	@Test
	void theSameIdempotencyKeyWithAnotherBodyIs422AndCreatesNothingMore() {
		var api = api();
		var fixture = api.newJobAndContractor();
		String key = AssignmentApi.unique("key");
		AssignmentApi.expect(201, api.assign(fixture.job(), fixture.contractor(), MONDAY, TWO_HOURS, key));

		var reused = api.assign(fixture.job(), fixture.contractor(), MONDAY, Duration.ofHours(3), key);

		assertThat(reused.statusCode()).isEqualTo(422);
		assertThat(assignmentsOf(Set.of(fixture.job()))).isEqualTo(1);
		assertThat(eventsOf(Set.of(fixture.job()))).isEqualTo(1);
	}

	@Nested
	class RejectedRequestsStoreAndPublishNothing {

		@Test
		void anUnknownJobIs404() {
			var api = api();
			var fixture = api.newJobAndContractor();
			assertRejected(fixture, 404, api.assign("no-such-job", fixture.contractor(), MONDAY, TWO_HOURS, null));
		}

		@Test
		void anUnknownContractorIs404() {
			var api = api();
			var fixture = api.newJobAndContractor();
			assertRejected(fixture, 404, api.assign(fixture.job(), "no-such-contractor", MONDAY, TWO_HOURS, null));
		}

		@Test
		void anInvertedSlotIs400() {
			var api = api();
			var fixture = api.newJobAndContractor();
			assertRejected(fixture, 400,
					api.assign(fixture.job(), fixture.contractor(), MONDAY, TWO_HOURS.negated(), null));
		}

		@Test
		void aZeroLengthSlotIs400() {
			var api = api();
			var fixture = api.newJobAndContractor();
			assertRejected(fixture, 400, api.assign(fixture.job(), fixture.contractor(), MONDAY, Duration.ZERO, null));
		}

		@Test
		void anAbsurdlyLongSlotIs400() {
			var api = api();
			var fixture = api.newJobAndContractor();
			assertRejected(fixture, 400,
					api.assign(fixture.job(), fixture.contractor(), MONDAY, Duration.ofDays(3), null));
		}

		@Test
		void aJobAlreadyAssignedIs409() {
			var api = api();
			var fixture = api.newJobAndContractor();
			var other = api.newJobAndContractor();
			AssignmentApi.expect(201, api.assign(fixture.job(), fixture.contractor(), MONDAY, TWO_HOURS, null));
			long assignments = assignmentsOf(Set.of(fixture.job()));
			long events = eventsOf(Set.of(fixture.job()));

			var again = api.assign(fixture.job(), other.contractor(), MONDAY.plus(Duration.ofDays(1)), TWO_HOURS, null);

			assertThat(again.statusCode()).isEqualTo(409);
			assertThat(assignmentsOf(Set.of(fixture.job()))).isEqualTo(assignments);
			assertThat(eventsOf(Set.of(fixture.job()))).isEqualTo(events);
		}

		@Test
		void concurrentCancelsOfOneAssignmentWriteOneCancellation() throws Exception {
			var api = api();
			var fixture = api.newJobAndContractor();
			String id = AssignmentApi
				.expect(201, api.assign(fixture.job(), fixture.contractor(), MONDAY, TWO_HOURS, null))
				.get("id")
				.asString();
			var dispatcher = api.asDispatcherOf(fixture.job());
			List<Integer> statuses = new ArrayList<>();
			try (var pool = Executors.newFixedThreadPool(10)) {
				var cancels = IntStream.range(0, 10).mapToObj((i) -> pool.submit(() -> dispatcher.cancel(id))).toList();
				for (var cancel : cancels) {
					statuses.add(cancel.get().statusCode());
				}
			}

			assertThat(statuses).containsOnly(200, 409).containsOnlyOnce(200);
			assertThat(eventsOf(Set.of(fixture.job()))).isEqualTo(2);
			assertThat(OutboxTopic.readEvents(stack(), Set.of(fixture.job()), 2, Duration.ofSeconds(30)))
				.extracting(AssignmentIntegrationTests::describe)
				.containsExactly("assigned " + id, "cancelled " + id);
		}

		@Test
		void aCancelByADispatcherOfOtherGroupsIs404AndWritesNothing() {
			var api = api();
			var fixture = api.newJobAndContractor();
			String id = AssignmentApi
				.expect(201, api.assign(fixture.job(), fixture.contractor(), MONDAY, TWO_HOURS, null))
				.get("id")
				.asString();

			var foreign = api.as(Tokens.dispatcher("D-foreign", List.of(AssignmentApi.unique("grp")))).cancel(id);

			assertThat(foreign.statusCode()).isEqualTo(404);
			assertThat(eventsOf(Set.of(fixture.job()))).isEqualTo(1);
			assertThat(api.asDispatcherOf(fixture.job()).get("/api/assignments/" + id).get("status").asString())
				.isEqualTo("ACTIVE");
		}

		@Test
		void aDoubleBookedContractorIs409() {
			var api = api();
			var first = api.newJobAndContractor();
			var second = api.newJobAndContractor();
			AssignmentApi.expect(201, api.assign(first.job(), first.contractor(), MONDAY, TWO_HOURS, null));

			var overlapping = api.assign(second.job(), first.contractor(), MONDAY.plus(Duration.ofHours(1)), TWO_HOURS,
					null);

			assertThat(overlapping.statusCode()).isEqualTo(409);
			assertThat(assignmentsOf(Set.of(second.job()))).isZero();
			assertThat(eventsOf(Set.of(second.job()))).isZero();
		}

		@Test
		void malformedJsonIs400() {
			var api = api();
			var fixture = api.newJobAndContractor();
			assertRejected(fixture, 400,
					api.post("/api/jobs/" + fixture.job() + "/assignments", "{\"contractorId\":", null));
		}

		@Test
		void wrongTypesAre400() {
			var api = api();
			var fixture = api.newJobAndContractor();
			assertRejected(fixture, 400, api.post("/api/jobs/" + fixture.job() + "/assignments",
					"{\"contractorId\":7,\"scheduledTimeSlot\":{\"start\":\"soon\",\"end\":true}}", null));
		}

		@Test
		void anOversizedBodyIs413() {
			var api = api();
			var fixture = api.newJobAndContractor();
			assertRejected(fixture, 413, api.post("/api/jobs/" + fixture.job() + "/assignments",
					"{\"contractorId\":\"" + "x".repeat(40_000) + "\"}", null));
		}

		private void assertRejected(AssignmentApi.Fixture fixture, int status, HttpResponse<String> response) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(assignmentsOf(Set.of(fixture.job()))).isZero();
			assertThat(eventsOf(Set.of(fixture.job()))).isZero();
		}

	}

}
