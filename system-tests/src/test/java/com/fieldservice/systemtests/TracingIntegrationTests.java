package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.schemas.Topics;
import com.fieldservice.schemas.TraceParent;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SpringService;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.testsupport.WebSocketTestClient;

import tools.jackson.databind.JsonNode;

/**
 * One trace per assignment: the W3C {@code traceparent} a POST carries is stored with the
 * EventLog entry, sent in the header of every record the event becomes on every topic,
 * and shown in the WebSocket frames.
 */
class TracingIntegrationTests {

	private static final Duration DELIVERY = Duration.ofSeconds(30);

	/**
	 * Every topic an accepted assignment reaches, and the key its records carry there.
	 */
	private static final List<String> TOPICS = List.of(Topics.JOB_ASSIGNED_OUTBOX.name(), Topics.JOB_ASSIGNED.name(),
			Topics.DISPATCHER_NOTIFICATIONS.name(), Topics.CONTRACTOR_NOTIFICATIONS.name(), Topics.EVENT_ROUTED.name());

	static LocalStack stack;

	@BeforeAll
	static void startStack() {
		stack = SystemStack.get();
	}

	@Test
	void theTraceOfThePostReachesTheEventLogEveryTopicAndTheFrames() throws Exception {
		var api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
		String north = AssignmentApi.unique("grp");
		String south = AssignmentApi.unique("grp");
		String contractor = AssignmentApi.unique("C");
		String job = AssignmentApi.unique("J");
		api.createGroup(north);
		api.createGroup(south);
		api.createContractor(contractor, "Grace Hopper Heating");
		api.createJob(job, List.of(north, south));
		String traceId = randomHex(16);
		String traceParent = "00-" + traceId + "-" + randomHex(8) + "-01";
		String push = stack.service(LocalStack.PUSH_SERVICE).url();

		try (var records = new TopicsSinceNow(stack.kafka().bootstrapServers());
				var northDispatcher = WebSocketTestClient.connect(push, Tokens.dispatcher("D-1", List.of(north)));
				var southDispatcher = WebSocketTestClient.connect(push, Tokens.dispatcher("D-2", List.of(south)));
				var contractorClient = WebSocketTestClient.connect(push, Tokens.contractor(contractor))) {
			for (var client : List.of(northDispatcher, southDispatcher, contractorClient)) {
				assertThat(client.next("welcome", DELIVERY)).isNotNull();
			}

			String eventId = AssignmentApi
				.expect(201, assign(api, job, contractor, Instant.parse("2030-04-01T08:00:00Z"), traceParent))
				.get("eventId")
				.asString();

			for (var client : List.of(northDispatcher, southDispatcher, contractorClient)) {
				JsonNode frame = client.next("jobAssigned", DELIVERY);
				assertThat(frame).as("a jobAssigned frame").isNotNull();
				assertThat(frame.get("eventId").asString()).isEqualTo(eventId);
				assertThat(frame.path("traceId").asString()).as("frame's traceId").isEqualTo(traceId);
			}

			assertThat(Files.readAllLines(stack.settings().dataDir().resolve("logs/assignment-service.log")))
				.as("assignment-service's log line of the assignment")
				.anySatisfy((line) -> assertThat(line).contains(eventId).contains(traceId));

			await().atMost(DELIVERY).untilAsserted(() -> {
				JsonNode entry = api.asAdmin().get("/api/events/" + eventId);
				assertThat(entry.at("/trace/traceId").asString()).isEqualTo(traceId);
				assertThat(entry.at("/trace/traceparent").asString()).startsWith("00-" + traceId + "-");
				assertThat(entry.at("/routedTo/contractorId").asString()).isEqualTo(contractor);
			});

			Map<String, List<String>> keysByTopic = Map.of(Topics.JOB_ASSIGNED_OUTBOX.name(), List.of(job),
					Topics.JOB_ASSIGNED.name(), List.of(job), Topics.DISPATCHER_NOTIFICATIONS.name(),
					List.of(north, south), Topics.CONTRACTOR_NOTIFICATIONS.name(), List.of(contractor),
					Topics.EVENT_ROUTED.name(), List.of(eventId));
			Map<String, List<String>> traceIds = records.traceIdsByTopic(keysByTopic);
			assertThat(traceIds).as("trace ids of the event's records, by topic")
				.containsOnlyKeys(TOPICS)
				.containsEntry(Topics.JOB_ASSIGNED.name(), List.of(traceId))
				.containsEntry(Topics.DISPATCHER_NOTIFICATIONS.name(), List.of(traceId, traceId))
				.containsEntry(Topics.CONTRACTOR_NOTIFICATIONS.name(), List.of(traceId))
				.containsEntry(Topics.EVENT_ROUTED.name(), List.of(traceId));
			// The relay may publish a copy again after a crash: every copy carries the
			// trace.
			assertThat(traceIds.get(Topics.JOB_ASSIGNED_OUTBOX.name())).isNotEmpty().containsOnly(traceId);
		}
	}

	/**
	 * With {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} an instance logs JSON lines
	 * (Elastic Common Schema), the request's trace id a field of each line it logs for
	 * the request.
	 */
	@Test
	void logsJsonLinesWithTheTraceIdWhenConfigured() throws Exception {
		SpringService jsonLogging = stack.startInstance(LocalStack.ASSIGNMENT_SERVICE, 3,
				Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"));
		try {
			var api = new AssignmentApi(jsonLogging.url(), Tokens.dispatcher("D-1", List.of()));
			var fixture = api.newJobAndContractor();
			String traceId = randomHex(16);
			var dispatcher = api.asDispatcherOf(fixture.job());
			String eventId = AssignmentApi
				.expect(201,
						assign(api, fixture.job(), fixture.contractor(), Instant.parse("2030-05-01T08:00:00Z"),
								"00-" + traceId + "-" + randomHex(8) + "-01"))
				.get("eventId")
				.asString();

			List<JsonNode> lines = Files
				.readAllLines(stack.settings().dataDir().resolve("logs/" + jsonLogging.name() + ".log"))
				.stream()
				.filter((line) -> line.startsWith("{"))
				.map(AssignmentApi.JSON::readTree)
				.toList();
			assertThat(lines).as("JSON log lines").isNotEmpty();
			assertThat(lines).filteredOn((line) -> line.path("message").asString("").contains(eventId))
				.singleElement()
				.satisfies((line) -> assertThat(line.path("traceId").asString()).isEqualTo(traceId));
		}
		finally {
			jsonLogging.stop();
		}
	}

	/**
	 * A traceparent the W3C format does not allow is ignored, as the format asks: the
	 * assignment is accepted and traced under a new trace id.
	 */
	@Test
	void anInvalidTraceparentStartsANewTraceAndFailsNothing() {
		var api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
		String valid = "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
		List<String> invalid = invalidVariantsOf(valid);
		var failures = new ArrayList<String>();
		var start = Instant.parse("2031-01-06T08:00:00Z");
		for (int i = 0; i < invalid.size(); i++) {
			var fixture = api.newJobAndContractor();
			var response = assign(api, fixture.job(), fixture.contractor(), start, invalid.get(i));
			if (response.statusCode() != 201) {
				failures.add(invalid.get(i) + ": " + response.statusCode() + " " + response.body());
				continue;
			}
			String eventId = AssignmentApi.JSON.readTree(response.body()).get("eventId").asString();
			JsonNode trace = api.asAdmin().get("/api/events/" + eventId).get("trace");
			if (trace == null || trace.isNull() || valid.contains(trace.get("traceId").asString())) {
				failures.add(invalid.get(i) + ": stored trace " + trace);
			}
		}
		assertThat(failures).as("invalid traceparents not answered 201 with a new trace").isEmpty();
	}

	/**
	 * Values the format forbids, made from a valid one: each field cut, grown,
	 * upper-cased, zeroed or made of other characters, the forbidden version, and values
	 * of every length up to one far over the format's.
	 */
	private static List<String> invalidVariantsOf(String valid) {
		String[] fields = valid.split("-");
		var variants = new ArrayList<String>();
		for (int i = 0; i < fields.length; i++) {
			for (String replacement : List.of("", fields[i] + "0", fields[i].substring(1), fields[i].toUpperCase(),
					"z".repeat(fields[i].length()), "0".repeat(fields[i].length()))) {
				String[] changed = fields.clone();
				changed[i] = replacement;
				String variant = String.join("-", changed);
				if (TraceParent.traceId(variant).isEmpty() && !variants.contains(variant)) {
					variants.add(variant);
				}
			}
		}
		variants.addAll(List.of("ff" + valid.substring(2), valid + "-extra", valid.replace('-', '_'),
				valid.substring(0, 20), "-".repeat(55), valid.replace("0", "é"), valid + "x".repeat(4_000)));
		return variants;
	}

	/** POSTs a one-hour assignment with a {@code traceparent} header. */
	private static HttpResponse<String> assign(AssignmentApi api, String job, String contractor, Instant start,
			String traceParent) {
		var dispatcher = api.asDispatcherOf(job);
		return dispatcher.send(dispatcher.request("/api/jobs/" + job + "/assignments")
			.header("Content-Type", "application/json")
			.header(TraceParent.HEADER, traceParent)
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"contractorId": "%s", "scheduledTimeSlot": {"start": "%s", "end": "%s"}}""".formatted(contractor,
					start, start.plus(Duration.ofHours(1))))));
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		random[0] |= 1; // never all zeros
		return HexFormat.of().formatHex(random);
	}

	/**
	 * The committed records written to {@link #TOPICS} after it was created, as a
	 * read_committed consumer sees them.
	 */
	private static final class TopicsSinceNow implements AutoCloseable {

		private final KafkaConsumer<String, byte[]> consumer;

		private final Map<TopicPartition, Long> start;

		TopicsSinceNow(String bootstrapServers) {
			this.consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
							ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
							ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
					new StringDeserializer(), new ByteArrayDeserializer());
			var partitions = new ArrayList<TopicPartition>();
			for (String topic : TOPICS) {
				this.consumer.partitionsFor(topic)
					.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
			}
			this.consumer.assign(partitions);
			this.start = this.consumer.endOffsets(partitions);
		}

		/**
		 * The trace ids in the {@code traceparent} headers of the records of each topic
		 * keyed by one of {@code keys}, in offset order; "none" for a record without one.
		 */
		Map<String, List<String>> traceIdsByTopic(Map<String, List<String>> keys) {
			this.start.forEach(this.consumer::seek);
			Map<TopicPartition, Long> end = this.consumer.endOffsets(this.start.keySet());
			var found = new HashMap<String, List<String>>();
			long deadline = System.nanoTime() + DELIVERY.toNanos();
			while (end.entrySet().stream().anyMatch((e) -> this.consumer.position(e.getKey()) < e.getValue())) {
				assertThat(System.nanoTime()).as("read to the end in time").isLessThan(deadline);
				for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
					if (keys.get(record.topic()).contains(record.key())) {
						found.computeIfAbsent(record.topic(), (topic) -> new ArrayList<>()).add(traceId(record));
					}
				}
			}
			return found;
		}

		private static String traceId(ConsumerRecord<String, byte[]> record) {
			return TraceParent.traceId(record.headers()).orElse("none");
		}

		@Override
		public void close() {
			this.consumer.close(Duration.ofSeconds(5));
		}

	}

}
