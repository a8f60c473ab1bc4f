package com.fieldservice.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.StackSettings;
import com.fieldservice.testsupport.Tokens;

/**
 * POST /api/jobs/{id}/assignments at a fixed 300 requests/s with Kafka up, down, and up
 * again, side by side in one run; and the EventLog's commit-to-Kafka publish lag. Run:
 * {@code ./scripts/benchmark assignment}.
 */
public final class AssignmentBenchmark {

	static final int RATE = 300;

	/**
	 * On 2 cores the JIT compiles assignment-service for about two minutes; the
	 * measurement starts after it.
	 */
	static final Duration WARMUP = Duration.ofSeconds(120);

	static final Duration MEASURE = Duration.ofSeconds(20);

	private AssignmentBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path data = Files.createTempDirectory("assignment-benchmark-");
		try (LocalStack stack = LocalStack.startInfrastructure(StackSettings.forTests(data))) {
			// Ctrl-C stops the stack's processes too, not only this JVM.
			Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "benchmark-stack-shutdown"));
			var service = stack.startService(LocalStack.ASSIGNMENT_SERVICE);
			int perPhase = RATE * (int) MEASURE.toSeconds();
			int warmup = RATE * (int) WARMUP.toSeconds();
			var db = new AssignmentsDatabase(stack);
			db.seed("BJ-", "BC-", List.of("bench"), warmup + 3 * perPhase);
			// A dispatcher may assign only jobs of its groups.
			var load = new FixedRateLoad(service.url(), Tokens.dispatcher("D-bench", List.of("bench")));
			IntFunction<FixedRateLoad.Post> requests = AssignmentBenchmark::assign;

			System.out.printf("%nassignment-service: POST at a fixed %d req/s, %d s per phase (after %d s warm-up)%n",
					RATE, MEASURE.toSeconds(), WARMUP.toSeconds());
			// The relay's first event registers the schema; let that happen before the
			// load, as in a running system.
			load.run(1, Duration.ofSeconds(1), 0, requests, 201);
			db.awaitDrained(Duration.ofSeconds(60));
			load.run(RATE, WARMUP, 1, requests, 201);
			// Measure from a steady state: while the JIT warms up the relay falls behind;
			// start once it caught up.
			Duration warmupBacklog = db.awaitDrained(Duration.ofSeconds(120));
			// Kafka up before and after the outage, so warm-up drift or the catch-up does
			// not favour either side.
			Instant upStart = Instant.now();
			var kafkaUp = load.run(RATE, MEASURE, warmup + 1, requests, 201);
			Instant upEnd = Instant.now();
			stack.kafka().stop();
			var kafkaDown = load.run(RATE, MEASURE, warmup + 1 + perPhase, requests, 201);
			stack.kafka().start();
			stack.kafka().awaitReady(Duration.ofSeconds(60));
			Duration drain = db.awaitDrained(Duration.ofSeconds(120));
			Instant againStart = Instant.now();
			var kafkaUpAgain = load.run(RATE, MEASURE, warmup + 1 + 2 * perPhase, requests, 201);
			Instant againEnd = Instant.now();
			db.awaitDrained(Duration.ofSeconds(60));
			load.close();

			var up = kafkaUp.latencies().copy();
			up.add(kafkaUpAgain.latencies());
			var lag = db.publishLag(upStart, upEnd);
			var lagAgain = db.publishLag(againStart, againEnd);
			System.out.println("  Kafka up, before the outage  POST " + kafkaUp.summary());
			System.out.println("  Kafka down                   POST " + kafkaDown.summary());
			System.out.println("  Kafka up, after the outage   POST " + kafkaUpAgain.summary());
			System.out.printf("  POST p99 Kafka down / Kafka up (both up phases): %.2fx (target: under 1.20x)%n",
					kafkaDown.latencies().getValueAtPercentile(99) / (double) up.getValueAtPercentile(99));
			System.out.printf("  Publish lag (EventLog append -> marked published after the Kafka commit)%n");
			System.out.printf("    before the outage  p50 %.2f ms  p99 %.2f ms (%d events)%n", lag.p50(), lag.p99(),
					lag.events());
			System.out.printf("    after the outage   p50 %.2f ms  p99 %.2f ms (%d events)%n", lagAgain.p50(),
					lagAgain.p99(), lagAgain.events());
			System.out.printf("  Warm-up backlog published %.1f s after the warm-up%n",
					warmupBacklog.toMillis() / 1000.0);
			System.out.printf("  Backlog of the outage (%d events) published %.1f s after the broker was back%n",
					perPhase, drain.toMillis() / 1000.0);
		}
	}

	private static FixedRateLoad.Post assign(int i) {
		return new FixedRateLoad.Post("/api/jobs/BJ-" + i + "/assignments",
				"{\"contractorId\":\"BC-%d\",\"scheduledTimeSlot\":{\"start\":\"2032-01-05T09:00:00Z\",\"end\":\"2032-01-05T11:00:00Z\"}}"
					.formatted(i));
	}

}
