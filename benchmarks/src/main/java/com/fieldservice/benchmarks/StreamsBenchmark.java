package com.fieldservice.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.HdrHistogram.Histogram;
import org.apache.kafka.common.TopicPartition;

import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SpringService;
import com.fieldservice.stack.StackSettings;

/**
 * notification-streams with {@code exactly_once_v2} and with {@code at_least_once}, side
 * by side in one run: sustained throughput on a backlog, then the latency it adds at a
 * fixed 1,000 events/s. Each guarantee runs the real jar in its own JVM as a separate
 * application (own group, state and changelog) against the real broker and registry. Run:
 * {@code ./scripts/benchmark streams}.
 */
public final class StreamsBenchmark {

	/**
	 * Both guarantees commit this often (STREAMS_COMMIT_INTERVAL, else 100 ms, which the
	 * published figures used; the service's default is 200 ms), so that the difference is
	 * the transactions alone.
	 */
	static final String COMMIT_INTERVAL = System.getenv().getOrDefault("STREAMS_COMMIT_INTERVAL", "100ms");

	static final int BACKLOG = 100_000;

	static final int RATE = 1_000;

	static final Duration WARMUP = Duration.ofSeconds(5);

	static final Duration MEASURE = Duration.ofSeconds(30);

	static final List<String> GUARANTEES = List.of("exactly_once_v2", "at_least_once");

	private StreamsBenchmark() {
	}

	/** What one guarantee achieved; latencies in milliseconds. */
	record Result(String guarantee, double eventsPerSecond, Histogram appended, Histogram visible, int sent,
			int missing) {
	}

	public static void main(String[] args) throws Exception {
		Path data = Files.createTempDirectory("streams-benchmark-");
		try (LocalStack stack = LocalStack.startInfrastructure(StackSettings.forTests(data));
				var kafka = new KafkaProbe(stack.kafka().bootstrapServers());
				var outbox = new JobAssignedLoad(stack.kafka().bootstrapServers(), stack.registry().url(),
						Topics.JOB_ASSIGNED_OUTBOX)) {
			kafka.useLogAppendTime(Topics.JOB_ASSIGNED_OUTBOX, Topics.CONTRACTOR_NOTIFICATIONS);
			var results = new ArrayList<Result>();
			// Instance numbers only name the processes, their ports, state directories
			// and logs.
			int instance = 2;
			for (String guarantee : GUARANTEES) {
				results.add(run(stack, kafka, outbox, guarantee, instance++));
			}
			new StreamsReport(results, BACKLOG, RATE, MEASURE).print(System.out);
		}
	}

	private static Result run(LocalStack stack, KafkaProbe kafka, JobAssignedLoad outbox, String guarantee,
			int instance) throws Exception {
		String applicationId = "streams-benchmark-" + guarantee.replace('_', '-');
		System.out.printf("%n>> %s: writing a backlog of %,d events ...%n", guarantee, BACKLOG);
		kafka.startGroupAt(applicationId, kafka.endOffsets(Topics.JOB_ASSIGNED_OUTBOX));
		Map<TopicPartition, Long> outputStart = kafka.endOffsets(Topics.CONTRACTOR_NOTIFICATIONS);
		outbox.backlog(BACKLOG);
		Map<TopicPartition, Long> backlogEnd = kafka.endOffsets(Topics.JOB_ASSIGNED_OUTBOX);

		System.out.printf(">> %s: starting notification-streams and draining the backlog ...%n", guarantee);
		SpringService streams = stack.startInstance(LocalStack.NOTIFICATION_STREAMS, instance,
				Map.of("STREAMS_PROCESSING_GUARANTEE", guarantee, "STREAMS_APPLICATION_ID", applicationId,
						"STREAMS_COMMIT_INTERVAL", COMMIT_INTERVAL));
		try {
			kafka.awaitCommitted(applicationId, backlogEnd, Duration.ofMinutes(5));
			double throughput = sustainedRate(kafka.appendTimes(Topics.CONTRACTOR_NOTIFICATIONS, outputStart));

			System.out.printf(">> %s: %d events/s for %d s (after %d s warm-up) ...%n", guarantee, RATE,
					MEASURE.toSeconds(), WARMUP.toSeconds());
			try (var tail = new ContractorTail(stack.kafka().bootstrapServers(), stack.registry().url(),
					kafka.endOffsets(Topics.CONTRACTOR_NOTIFICATIONS))) {
				outbox.atFixedRate(RATE, WARMUP);
				Map<UUID, Long> sent = outbox.atFixedRate(RATE, MEASURE);
				Map<UUID, ContractorTail.Seen> seen = tail.await(sent.keySet(), Duration.ofSeconds(30));
				return latencies(guarantee, throughput, sent, seen);
			}
		}
		finally {
			streams.stop();
		}
	}

	/**
	 * Events per second over the middle 80 % of the outputs (by append time): leaves out
	 * the start-up, in which the group forms and the state is created, and the tail, in
	 * which the last commit lands.
	 */
	static double sustainedRate(long[] appendTimes) {
		int from = appendTimes.length / 10;
		int to = appendTimes.length * 9 / 10;
		long millis = Math.max(1, appendTimes[to] - appendTimes[from]);
		return (to - from) * 1000.0 / millis;
	}

	private static Result latencies(String guarantee, double throughput, Map<UUID, Long> sent,
			Map<UUID, ContractorTail.Seen> seen) {
		var appended = new Histogram(60_000, 3);
		var visible = new Histogram(60_000, 3);
		int missing = 0;
		for (var input : sent.entrySet()) {
			ContractorTail.Seen output = seen.get(input.getKey());
			if (output == null) {
				missing++;
				continue;
			}
			appended.recordValue(Math.clamp(output.appendedAt() - input.getValue(), 0, 60_000));
			visible.recordValue(Math.clamp(output.visibleAt() - input.getValue(), 0, 60_000));
		}
		return new Result(guarantee, throughput, appended, visible, sent.size(), missing);
	}

}
