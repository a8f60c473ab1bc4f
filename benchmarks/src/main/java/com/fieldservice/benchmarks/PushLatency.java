package com.fieldservice.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.HdrHistogram.Histogram;

import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.Tokens;

/**
 * End-to-end latency on the full stack: POST /api/jobs/{id}/assignments to
 * assignment-service at a fixed rate, each request to a job and contractor of its own,
 * timed to the jobAssigned frame at every dispatcher client of the job's group (relay,
 * Kafka, notification-streams and push-service on the way).
 */
final class PushLatency {

	static final int RATE = 200;

	static final Duration WARMUP = Duration.ofSeconds(120);

	static final Duration MEASURE = Duration.ofSeconds(30);

	static final int GROUPS = 4;

	static final int CLIENTS_PER_GROUP = 2;

	private static final String JOB_PREFIX = "PJ-";

	private PushLatency() {
	}

	/**
	 * @param posts the POSTs of the measured part
	 * @param total microseconds from a POST to a frame, one value per frame
	 * @param beforePush microseconds from a POST to its record being visible on the
	 * dispatcher topic
	 * @param push microseconds from the record being visible to a frame: push-service's
	 * share
	 * @param publishLag EventLog append to Kafka commit by the relay
	 */
	record Result(FixedRateLoad.Result posts, Histogram total, Histogram beforePush, Histogram push,
			long expectedFrames, long frames, AssignmentsDatabase.Lag publishLag) {

		static String percentiles(Histogram micros) {
			return "p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms".formatted(micros.getValueAtPercentile(50) / 1000.0,
					micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
		}

	}

	/**
	 * Starts assignment-service and notification-streams beside the running push-service,
	 * sends one assignment through (the relay creates its producer and registers the
	 * schema on its first event, which takes seconds), then measures after a warm-up.
	 * Request 0 is that first assignment.
	 */
	static Result run(LocalStack stack) throws Exception {
		System.out.println(">> end to end: starting assignment-service and notification-streams ...");
		String assignmentUrl = stack.startService(LocalStack.ASSIGNMENT_SERVICE).url();
		stack.startService(LocalStack.NOTIFICATION_STREAMS);
		int warmup = RATE * (int) WARMUP.toSeconds();
		int measured = RATE * (int) MEASURE.toSeconds();
		var db = new AssignmentsDatabase(stack);
		db.seed(JOB_PREFIX, "PC-", IntStream.range(0, GROUPS).mapToObj(PushLatency::group).toList(),
				1 + warmup + measured);
		var arrivals = new FrameArrivals(JOB_PREFIX, 1 + warmup + measured, 1 + warmup);
		String pushUrl = stack.service(LocalStack.PUSH_SERVICE).url().replace("http://", "ws://");
		try (var clients = new WebSocketClients();
				var load = new FixedRateLoad(assignmentUrl,
						Tokens.dispatcher("D-bench", IntStream.range(0, GROUPS).mapToObj(PushLatency::group).toList()));
				var tail = new JobAssignedTail(stack.kafka().bootstrapServers(), stack.registry().url(),
						Topics.DISPATCHER_NOTIFICATIONS, "read_uncommitted", arrivals::visible)) {
			clients.listen(arrivals);
			clients.connect(GROUPS * CLIENTS_PER_GROUP,
					client -> URI.create(pushUrl + "/ws?access_token="
							+ Tokens.dispatcher("D-bench", List.of(group(client / CLIENTS_PER_GROUP)))),
					Duration.ofSeconds(60));
			IntFunction<FixedRateLoad.Post> requests = i -> arrivals.posting(i, assign(i));
			load.run(1, Duration.ofSeconds(1), 0, requests, 201);
			if (!arrivals.awaitFrameOf(0, Duration.ofMinutes(2))) {
				throw new IllegalStateException("The first assignment reached no dispatcher within 2 minutes");
			}
			System.out.printf(">> end to end: POST at %d req/s, %d s warm-up, %d s measured ...%n", RATE,
					WARMUP.toSeconds(), MEASURE.toSeconds());
			load.run(RATE, WARMUP, 1, requests, 201);
			// Measure from a steady state: the cold JVMs fall behind during the warm-up;
			// start once it all arrived.
			if (!arrivals.awaitFramesOf(1, 1 + warmup, Duration.ofMinutes(2))) {
				throw new IllegalStateException(
						"The warm-up's assignments did not all reach a dispatcher within 2 minutes");
			}
			Instant from = Instant.now();
			var posts = load.run(RATE, MEASURE, 1 + warmup, requests, 201);
			Instant to = Instant.now();
			long expected = (long) measured * CLIENTS_PER_GROUP;
			arrivals.await(expected, Duration.ofSeconds(30));
			return new Result(posts, arrivals.total(), arrivals.beforePush(), arrivals.push(), expected,
					arrivals.frames(), db.publishLag(from, to));
		}
	}

	private static String group(int n) {
		return "push-" + n;
	}

	private static FixedRateLoad.Post assign(int i) {
		return new FixedRateLoad.Post("/api/jobs/" + JOB_PREFIX + i + "/assignments",
				"{\"contractorId\":\"PC-%d\",\"scheduledTimeSlot\":{\"start\":\"2032-01-05T09:00:00Z\",\"end\":\"2032-01-05T11:00:00Z\"}}"
					.formatted(i));
	}

}
