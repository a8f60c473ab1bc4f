package com.fieldservice.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.StackSettings;

/**
 * push-service: fan-out throughput to 2,000 dispatcher clients beside a minimal Node
 * {@code ws} broadcast server, side by side in one run; then end-to-end latency from POST
 * to the dispatcher's frame on the full stack. Run: {@code ./scripts/benchmark push}, or
 * {@code ./scripts/benchmark push fan-out} (or {@code latency}) for one part.
 */
public final class PushBenchmark {

	private PushBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path data = Files.createTempDirectory("push-benchmark-");
		try (LocalStack stack = LocalStack.startInfrastructure(StackSettings.forTests(data))) {
			// Ctrl-C stops the stack's processes too, not only this JVM.
			Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "benchmark-stack-shutdown"));
			stack.startService(LocalStack.PUSH_SERVICE);
			String only = args.length > 0 ? args[0] : "";
			if (!only.equals("latency")) {
				var push = PushFanOut.pushService(stack);
				var baseline = PushFanOut.baseline(stack.settings().home(), data.resolve("logs/baseline.log"),
						push.frames());
				printFanOut(push.result(), baseline);
			}
			if (!only.equals("fan-out")) {
				printLatency(PushLatency.run(stack));
			}
		}
	}

	private static void printFanOut(PushFanOut.Result push, PushFanOut.Result baseline) {
		System.out.printf(
				"%nFan-out: %d jobAssigned frames to each of %,d dispatcher clients of one group (after %d warm-up), "
						+ "frames delivered per second from the first frame to the last%n",
				PushFanOut.MESSAGES, PushFanOut.CLIENTS, PushFanOut.WARMUP_MESSAGES);
		System.out.println("  push-service  " + push.summary());
		System.out.println("  ws baseline   " + baseline.summary());
		System.out.printf("  push-service / ws baseline: %.2fx (target: at least 1.00x)%n",
				push.framesPerSecond() / baseline.framesPerSecond());
		int cut = push.closeCodes().getOrDefault(4500, 0);
		System.out.printf("  push-service cut off %d of %,d clients as too slow (close code 4500)%n", cut,
				PushFanOut.CLIENTS);
	}

	private static void printLatency(PushLatency.Result result) {
		System.out.printf(
				"%nEnd to end: POST (assignment-service) -> jobAssigned frame at the dispatcher, a fixed %d req/s for %d s "
						+ "(after %d s warm-up), %d groups x %d clients%n",
				PushLatency.RATE, PushLatency.MEASURE.toSeconds(), PushLatency.WARMUP.toSeconds(), PushLatency.GROUPS,
				PushLatency.CLIENTS_PER_GROUP);
		System.out.printf("  POST -> frame            %s  (%,d frames of %,d expected)%n",
				PushLatency.Result.percentiles(result.total()), result.frames(), result.expectedFrames());
		System.out.println("  POST -> visible on topic " + PushLatency.Result.percentiles(result.beforePush())
				+ "  (relay, Kafka, notification-streams)");
		System.out.printf("    of which EventLog append -> Kafka commit (outbox relay): p50 %.2f ms  p99 %.2f ms%n",
				result.publishLag().p50(), result.publishLag().p99());
		System.out.println(
				"  visible -> frame         " + PushLatency.Result.percentiles(result.push()) + "  (push-service)");
		System.out.println("  POST response           " + result.posts().summary());
		System.out.printf("  POST -> frame p99: %.2f ms (target: under 150 ms)%n",
				result.total().getValueAtPercentile(99) / 1000.0);
	}

}
