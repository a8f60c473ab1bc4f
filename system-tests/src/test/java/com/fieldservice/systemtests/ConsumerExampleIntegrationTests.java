package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.ManagedProcess;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;

import tools.jackson.databind.JsonNode;

/**
 * The downstream consumer example ({@code examples/job-assigned-consumer}) run as a team
 * would run it, in a JVM of its own against the real stack: it prints every assignment
 * once, read through the registry, and after a restart in the same group it goes on from
 * its committed offsets, printing only what came since.
 */
class ConsumerExampleIntegrationTests {

	private static final Duration DELIVERY = Duration.ofSeconds(60);

	private static final Instant MONDAY = Instant.parse("2031-03-03T08:00:00Z");

	private final LocalStack stack = SystemStack.get();

	private final String group = AssignmentApi.unique("example.billing");

	@Test
	void printsEachAssignmentOnceAndGoesOnFromItsCommittedOffsetsAfterARestart() throws Exception {
		var api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
		var fixture = api.newJobAndContractor();
		List<String> before = new ArrayList<>();
		for (int day = 0; day < 3; day++) {
			before.add(assign(api, fixture, day));
		}

		try (var example = new Example()) {
			await().atMost(DELIVERY).until(() -> example.printedAll(before));
			Thread.sleep(2_000);
			assertThat(example.printed(before)).as("each event printed once").containsOnly(1);
		}

		List<String> whileStopped = List.of(assign(api, fixture, 3), assign(api, fixture, 4));
		try (var example = new Example()) {
			await().atMost(DELIVERY).until(() -> example.printedAll(whileStopped));
			Thread.sleep(2_000);
			assertThat(example.printed(whileStopped)).containsOnly(1);
			assertThat(example.printed(before)).as("committed before the restart, not handled again").containsOnly(0);

			// A cancellation, the topic's second event type, is told apart and printed
			// once.
			String job = AssignmentApi.unique("J");
			api.createJob(job, List.of(fixture.group()));
			JsonNode assignment = AssignmentApi.expect(201,
					api.assign(job, fixture.contractor(), MONDAY.plus(Duration.ofDays(5)), Duration.ofHours(1), null));
			AssignmentApi.expect(200, api.asDispatcherOf(job).cancel(assignment.get("id").asString()));
			String cancelled = "ends=" + assignment.get("eventId").asString();
			await().atMost(DELIVERY).until(() -> example.linesWith(cancelled) == 1);
			assertThat(example.linesWith("assigned " + assignment.get("eventId").asString())).isEqualTo(1);
		}
	}

	/** A new job of the fixture's group, assigned to its contractor on another day. */
	private static String assign(AssignmentApi api, AssignmentApi.Fixture fixture, int day) {
		String job = AssignmentApi.unique("J");
		api.createJob(job, List.of(fixture.group()));
		return AssignmentApi
			.expect(201,
					api.assign(job, fixture.contractor(), MONDAY.plus(Duration.ofDays(day)), Duration.ofHours(1), null))
			.get("eventId")
			.asString();
	}

	/** The example's JVM, in this test's consumer group; stopped as Ctrl-C stops it. */
	private final class Example implements AutoCloseable {

		private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

		private final Process process;

		Example() throws IOException {
			Path module = stack.settings().home().resolve("examples/job-assigned-consumer/target");
			var builder = new ProcessBuilder(List.of(ManagedProcess.javaExecutable(), "-cp",
					module + "/*:" + module + "/lib/*", "com.example.jobassigned.JobAssignedConsumer"))
				.redirectError(ProcessBuilder.Redirect.INHERIT);
			builder.environment().put("BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers());
			builder.environment().put("SCHEMA_REGISTRY_URL", stack.registry().url());
			builder.environment().put("GROUP_ID", group);
			this.process = builder.start();
			Thread.ofPlatform().daemon().name("example-output").start(() -> {
				try (var reader = new BufferedReader(
						new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
					reader.lines().forEach(this.lines::add);
				}
				catch (IOException ex) {
					// The process ended.
				}
			});
		}

		boolean printedAll(List<String> eventIds) {
			return !printed(eventIds).contains(0);
		}

		/** How many times each event was printed. */
		List<Integer> printed(List<String> eventIds) {
			synchronized (this.lines) {
				return eventIds.stream()
					.map((id) -> (int) this.lines.stream().filter((line) -> line.startsWith("assigned " + id)).count())
					.toList();
			}
		}

		long linesWith(String text) {
			synchronized (this.lines) {
				return this.lines.stream().filter((line) -> line.contains(text)).count();
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
			assertThat(this.process.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
		}

	}

}
