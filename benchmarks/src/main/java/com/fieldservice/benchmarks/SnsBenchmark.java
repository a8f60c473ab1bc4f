package com.fieldservice.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SnsEmulator;
import com.fieldservice.stack.StackSettings;

/**
 * The SNS sink connector: its publishing throughput beside a plain PublishBatch loop,
 * side by side in one run, with the CPU each side costs; then end-to-end latency from
 * POST to the message in an SQS queue on the full stack. Run:
 * {@code ./scripts/benchmark sns}, or {@code ./scripts/benchmark sns throughput} (or
 * {@code latency}) for one part.
 */
public final class SnsBenchmark {

	private SnsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path data = Files.createTempDirectory("sns-benchmark-");
		try (LocalStack stack = LocalStack.startInfrastructure(StackSettings.forTests(data))) {
			// Ctrl-C stops the stack's processes too, not only this JVM.
			Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "benchmark-stack-shutdown"));
			System.out
				.println(">> starting the SNS/SQS emulator and the Connect worker with the sns-sink connector ...");
			// The standard topic's connector, as the stack registers it, for the latency
			// part; it idles on the empty job-assigned.v1 during the throughput part.
			stack.startConnect(List.of("sns-sink"));
			String only = args.length > 0 ? args[0] : "";
			try (var clients = new EmulatorClients(stack.snsEmulator().endpoint())) {
				if (!only.equals("latency")) {
					printThroughput(SnsThroughput.run(stack, clients));
				}
				if (!only.equals("throughput")) {
					printLatency(SnsLatency.run(stack, clients));
				}
			}
		}
	}

	private static void printThroughput(SnsThroughput.Result result) {
		System.out.printf(
				"%nThroughput: %,d JobAssigned records (%s, %d partitions) published to one SNS topic of the "
						+ "emulator with one raw-delivery SQS queue subscribed;%n",
				SnsThroughput.MESSAGES, SnsThroughput.INPUT.name(), SnsThroughput.INPUT.partitions());
		System.out.printf("  each message a JSON body of %.0f bytes on average and %d attributes (%s).%n",
				result.bodyBytes(), result.attributes().size(), String.join(", ", result.attributes()));
		System.out.println("  connector: sns-sink.json for that topic only, tasks.max=1 (one thread, as the loop), "
				+ "batch.max.entries=10;");
		System.out.println("  baseline:  a PublishBatch loop (AWS SDK v2 SnsClient, one thread, batches of 10) of the "
				+ "same bodies and attributes, as the connector's warm-up pass delivered them, in a JVM of its own "
				+ "with the worker's heap and collector.");
		System.out.println("  Messages/s from 10 % to 90 % of the messages in the queue; CPU seconds per 1,000 "
				+ "messages over the same span. Warm-up: one pass of each first.");
		List<String> processes = result.processes();
		System.out.printf("  %-18s %10s   %14s %10s %14s   %s%n", "", "messages/s", processes.get(0), processes.get(1),
				processes.get(2), "machine busy (not by the stack)");
		for (SnsThroughput.Part part : result.parts()) {
			List<Double> cpu = part.steady().cpuSecondsPer1000();
			double rate = part.steady().messagesPerSecond();
			String extra = (part.delivered() != SnsThroughput.MESSAGES)
					? "  (%,d messages in the queue)".formatted(part.delivered()) : "";
			System.out.printf("  %-18s %,10.0f   %14.3f %10.3f %14.3f   %.2f (%.2f) of %d cores%s%n", part.name(), rate,
					cpu.get(0), cpu.get(1), cpu.get(2), cpu.get(3) * rate / 1000,
					Math.max(0, cpu.get(3) - cpu.get(4)) * rate / 1000, Runtime.getRuntime().availableProcessors(),
					extra);
		}
		System.out.printf("  connector / mean of the baselines: %.2fx (target: at least 0.80x, goal 0.90x)%n",
				result.ratio());
	}

	private static void printLatency(SnsLatency.Result result) {
		System.out.printf(
				"%nEnd to end: POST (assignment-service) -> message in the SQS queue %s of the standard SNS topic, "
						+ "a fixed %d req/s for %d s (after %d s warm-up)%n",
				SnsEmulator.QUEUE_ALL, SnsLatency.RATE, SnsLatency.MEASURE.toSeconds(), SnsLatency.WARMUP.toSeconds());
		System.out.printf("  POST -> SQS message       %s  (%,d messages expected: %d lost, %d duplicated)%n",
				SnsLatency.Result.percentiles(result.total()), result.expected(), result.lost(), result.duplicated());
		System.out.println("  POST -> visible to sink   " + SnsLatency.Result.percentiles(result.beforeSink())
				+ "  (relay, Kafka, notification-streams; job-assigned.v1 read_committed)");
		System.out.println("  visible -> SQS message    " + SnsLatency.Result.percentiles(result.sink())
				+ "  (sns-sink connector and emulator)");
		System.out.println("  POST response             " + result.posts().summary());
		System.out.printf(
				"  CPU s per 1,000 messages: Connect worker %.3f, emulator %.3f; machine busy %.2f of %d cores (%.2f not "
						+ "by the stack)%n",
				result.workerCpuPer1000(), result.emulatorCpuPer1000(), result.machineCores(),
				Runtime.getRuntime().availableProcessors(), Math.max(0, result.machineCores() - result.stackCores()));
	}

}
