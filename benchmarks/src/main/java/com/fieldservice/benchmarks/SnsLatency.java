package com.fieldservice.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SnsEmulator;
import com.fieldservice.testsupport.Tokens;

/**
 * End-to-end latency to an AWS subscriber: POST /api/jobs/{id}/assignments to
 * assignment-service at a fixed rate, each request to a job and contractor of its own,
 * timed to its message in the SQS queue subscribed to the standard SNS topic (relay,
 * Kafka, notification-streams, the SNS sink as the stack registers it, and the emulator
 * on the way).
 */
final class SnsLatency {

	static final int RATE = 100;

	static final Duration WARMUP = Duration.ofSeconds(60);

	static final Duration MEASURE = Duration.ofSeconds(60);

	/** How long after the last expected message copies are still counted. */
	static final Duration QUIET = Duration.ofSeconds(5);

	private static final String JOB_PREFIX = "SJ-";

	private static final String GROUP = "sns-latency";

	private SnsLatency() {
	}

	/**
	 * @param posts the POSTs of the measured part
	 * @param total microseconds from a POST to its message in the queue
	 * @param beforeSink microseconds from a POST to its record being visible to the SNS
	 * sink on {@code job-assigned.v1}
	 * @param sink microseconds from the record being visible to the message: the sink's
	 * and the emulator's share
	 * @param workerCpuPer1000 CPU seconds of the Connect worker per 1,000 messages
	 * @param emulatorCpuPer1000 CPU seconds of the emulator per 1,000 messages
	 * @param machineCores cores the whole machine kept busy on average, anything else
	 * running included
	 * @param stackCores cores the stack's processes and this JVM kept busy on average
	 */
	record Result(FixedRateLoad.Result posts, Histogram total, Histogram beforeSink, Histogram sink, int expected,
			int lost, int duplicated, double workerCpuPer1000, double emulatorCpuPer1000, double machineCores,
			double stackCores) {

		static String percentiles(Histogram micros) {
			return "p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms".formatted(micros.getValueAtPercentile(50) / 1000.0,
					micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
		}

	}

	/**
	 * Starts assignment-service and notification-streams beside the running Connect
	 * worker, sends one assignment through (the first event registers the schema, the
	 * sink's converter fetches it), then measures after a warm-up. Request 0 is that
	 * first assignment.
	 */
	static Result run(LocalStack stack, EmulatorClients clients) throws Exception {
		System.out.println("\n>> latency: starting assignment-service and notification-streams ...");
		String assignmentUrl = stack.startService(LocalStack.ASSIGNMENT_SERVICE).url();
		stack.startService(LocalStack.NOTIFICATION_STREAMS);
		int warmup = RATE * (int) WARMUP.toSeconds();
		int measured = RATE * (int) MEASURE.toSeconds();
		int requests = 1 + warmup + measured;
		new AssignmentsDatabase(stack).seed(JOB_PREFIX, "SC-", List.of(GROUP), requests);
		var worker = ProcessCpu.connectWorker();
		var emulator = ProcessCpu.snsEmulator();
		String queueUrl = clients.queueUrl(SnsEmulator.QUEUE_ALL);
		try (var arrivals = new SqsArrivals(clients, queueUrl, JOB_PREFIX, requests, 1 + warmup);
				// A dispatcher of the jobs' group: the caller surely allowed to assign
				// them.
				var load = new FixedRateLoad(assignmentUrl, Tokens.dispatcher("D-bench", List.of(GROUP)));
				var tail = new JobAssignedTail(stack.kafka().bootstrapServers(), stack.registry().url(),
						Topics.JOB_ASSIGNED, "read_committed", arrivals::visible)) {
			IntFunction<FixedRateLoad.Post> posts = i -> arrivals.posting(i, assign(i));
			if (load.run(1, Duration.ofSeconds(1), 0, posts, 201).failed() > 0) {
				throw new IllegalStateException("assignment-service did not answer the first assignment with 201");
			}
			if (!arrivals.awaitMessagesOf(0, 1, Duration.ofMinutes(2))) {
				throw new IllegalStateException("The first assignment reached no SQS queue within 2 minutes; it "
						+ (arrivals.isVisible(0) ? "was" : "was not") + " visible on " + Topics.JOB_ASSIGNED.name());
			}
			System.out.printf(">> latency: POST at %d req/s, %d s warm-up, %d s measured ...%n", RATE,
					WARMUP.toSeconds(), MEASURE.toSeconds());
			load.run(RATE, WARMUP, 1, posts, 201);
			// Measure from a steady state: start once the warm-up's messages all arrived.
			if (!arrivals.awaitMessagesOf(1, 1 + warmup, Duration.ofMinutes(2))) {
				throw new IllegalStateException("The warm-up's messages did not all arrive within 2 minutes");
			}
			var machine = ProcessCpu.machine();
			// Listed now, every Postgres backend of the services included.
			var all = ProcessCpu.stack(stack.settings().dataDir());
			double workerFrom = seconds(worker);
			double emulatorFrom = seconds(emulator);
			double machineFrom = seconds(machine);
			double stackFrom = seconds(all);
			var measuredPosts = load.run(RATE, MEASURE, 1 + warmup, posts, 201);
			double thousands = measured / 1000.0;
			double workerCpu = (seconds(worker) - workerFrom) / thousands;
			double emulatorCpu = (seconds(emulator) - emulatorFrom) / thousands;
			double machineCores = (seconds(machine) - machineFrom) / MEASURE.toSeconds();
			double stackCores = (seconds(all) - stackFrom) / MEASURE.toSeconds();
			arrivals.awaitMessagesOf(1 + warmup, requests, Duration.ofSeconds(60));
			Thread.sleep(QUIET);
			return new Result(measuredPosts, arrivals.total(), arrivals.beforeSink(), arrivals.sink(), measured,
					arrivals.lost(1 + warmup, requests), arrivals.duplicated(1 + warmup, requests), workerCpu,
					emulatorCpu, machineCores, stackCores);
		}
	}

	private static double seconds(ProcessCpu process) {
		return process.cpu().toNanos() / 1e9;
	}

	private static FixedRateLoad.Post assign(int i) {
		return new FixedRateLoad.Post("/api/jobs/" + JOB_PREFIX + i + "/assignments",
				"{\"contractorId\":\"SC-%d\",\"scheduledTimeSlot\":{\"start\":\"2032-01-05T09:00:00Z\",\"end\":\"2032-01-05T11:00:00Z\"}}"
					.formatted(i));
	}

}
