package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SpringService;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;

import tools.jackson.databind.JsonNode;

/**
 * Two assignment-service instances side by side: both accept assignments, one relays them
 * (the Postgres advisory-lock leader), so in normal operation each event reaches Kafka
 * exactly once; when the leader is killed the other takes over and nothing is lost.
 */
class RelayScaleOutIntegrationTests {

	private static final int ASSIGNMENTS = 40;

	private static LocalStack stack;

	private static SpringService second;

	@BeforeAll
	static void startSecondInstance() {
		stack = SystemStack.get();
		second = stack.startInstance(LocalStack.ASSIGNMENT_SERVICE, 2);
	}

	@AfterAll
	static void stopSecondInstance() {
		second.stop();
	}

	@Test
	void assignmentsPostedToBothInstancesArePublishedExactlyOnce() throws Exception {
		var jobs = postConcurrently(List.of(stack.service(LocalStack.ASSIGNMENT_SERVICE), second));

		Map<String, Integer> recordsPerJob = outboxRecordsPerJob(jobs, Duration.ofSeconds(30));

		assertThat(recordsPerJob).hasSize(ASSIGNMENTS).allSatisfy((job, records) -> assertThat(records).isOne());
		assertThat(leaders()).as("exactly one instance relays").containsExactlyInAnyOrder(true, false);
	}

	@Test
	void whenTheRelayLeaderIsKilledTheOtherInstancePublishesEverything() throws Exception {
		SpringService leader = leaders().get(0) ? stack.service(LocalStack.ASSIGNMENT_SERVICE) : second;
		SpringService follower = leader == second ? stack.service(LocalStack.ASSIGNMENT_SERVICE) : second;
		leader.kill();
		try {
			var jobs = postConcurrently(List.of(follower));

			Map<String, Integer> recordsPerJob = outboxRecordsPerJob(jobs, Duration.ofSeconds(30));

			assertThat(recordsPerJob).hasSize(ASSIGNMENTS).allSatisfy((job, records) -> assertThat(records).isOne());
		}
		finally {
			leader.start();
			leader.awaitReady(Duration.ofSeconds(120));
		}
	}

	/**
	 * Creates jobs in a fresh group and assigns each, spread over the given instances, 8
	 * requests at a time.
	 */
	private static List<String> postConcurrently(List<SpringService> instances) throws Exception {
		var setup = new AssignmentApi(instances.get(0).url(), Tokens.dispatcher("D-1", List.of()));
		String group = AssignmentApi.unique("grp");
		String contractor = AssignmentApi.unique("C");
		setup.createGroup(group);
		setup.createContractor(contractor, "Scale Out Plumbing");
		var jobs = new ArrayList<String>();
		for (int i = 0; i < ASSIGNMENTS; i++) {
			String job = AssignmentApi.unique("J");
			setup.createJob(job, List.of(group));
			jobs.add(job);
		}
		Instant firstSlot = Instant.parse("2031-03-01T00:00:00Z");
		try (var pool = Executors.newFixedThreadPool(8)) {
			var responses = new ArrayList<Future<HttpResponse<String>>>();
			for (int i = 0; i < ASSIGNMENTS; i++) {
				var api = new AssignmentApi(instances.get(i % instances.size()).url(),
						Tokens.dispatcher("D-1", List.of()));
				String job = jobs.get(i);
				Instant start = firstSlot.plus(Duration.ofHours(2L * i));
				responses.add(pool.submit(() -> api.assign(job, contractor, start.toString(),
						start.plus(Duration.ofHours(1)).toString(), null)));
			}
			for (var response : responses) {
				AssignmentApi.expect(201, response.get());
			}
		}
		return jobs;
	}

	/**
	 * Counts the committed outbox records of the given jobs, waiting until each has one,
	 * then a little longer.
	 */
	private static Map<String, Integer> outboxRecordsPerJob(List<String> jobs, Duration timeout) {
		var config = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.GROUP_ID_CONFIG, AssignmentApi.unique("relay-scale-out-test"));
		var counts = new java.util.HashMap<String, Integer>();
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.JOB_ASSIGNED_OUTBOX.name()));
			long deadline = System.nanoTime() + timeout.toNanos();
			long settleUntil = Long.MAX_VALUE;
			while (System.nanoTime() < Math.min(deadline, settleUntil)) {
				for (var record : consumer.poll(Duration.ofMillis(250))) {
					if (jobs.contains(record.key())) {
						counts.merge(record.key(), 1, Integer::sum);
					}
				}
				if (counts.size() == jobs.size() && settleUntil == Long.MAX_VALUE) {
					// A duplicate would be in the same or a later transaction: keep
					// reading a moment.
					settleUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
				}
			}
		}
		return counts;
	}

	/** The relay's {@code leader} detail of each running instance, instance 1 first. */
	private static List<Boolean> leaders() throws Exception {
		var http = HttpClient.newHttpClient();
		var leaders = new ArrayList<Boolean>();
		for (SpringService instance : List.of(stack.service(LocalStack.ASSIGNMENT_SERVICE), second)) {
			var response = http.send(
					HttpRequest.newBuilder(URI.create(instance.managementUrl() + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode leader = AssignmentApi.JSON.readTree(response.body()).findValue("leader");
			assertThat(leader).as("relay leader detail of " + instance.name()).isNotNull();
			leaders.add(leader.asBoolean());
		}
		return leaders;
	}

}
