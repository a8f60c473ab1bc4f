package com.fieldservice.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import org.HdrHistogram.Histogram;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.StackSettings;
import com.fieldservice.testsupport.Tokens;

/**
 * The whole system as the run command starts it (broker, registry, Postgres, the three
 * services, the Connect worker with both sinks, the SNS/SQS emulator), assignments POSTed
 * at fixed rates (open model), a dispatcher client per dispatch group and a client per
 * contractor connected. Prints per rate: POST latency, POST to dispatcher frame and to
 * contractor frame, and the CPU each process spent per assignment, read from
 * {@code /proc}; then the highest rate that kept POST to frame p99 under 150 ms, what the
 * services logged that should not occur under load, and raw Kafka beside it. Run:
 * {@code ./scripts/benchmark system [rate ...]}.
 */
public final class SystemBenchmark {

	static final List<Integer> RATES = List.of(50, 100, 200, 500);

	static final int WARMUP_RATE = 200;

	/**
	 * The five JVMs' JIT compilers work for minutes on 2 cores: after 90 s at 100/s they
	 * still took a quarter of the machine (a tenth after 180 s at 200/s), which a
	 * long-running deployment pays once. The warm-up lasts at least this long, then goes
	 * on in steps of {@link #SETTLE} while they still compile much.
	 */
	static final Duration WARMUP = Duration.ofSeconds(180);

	static final Duration SETTLE = Duration.ofSeconds(30);

	/** The warm-up's bound: compilers that never go quiet are measured as they are. */
	static final Duration MAX_WARMUP = Duration.ofSeconds(480);

	/**
	 * JIT compiler CPU per assignment, summed over the system's JVMs, under which the
	 * warm-up ends: about 4 % of a core at 200/s.
	 */
	static final double QUIET_JIT_MILLIS = 0.2;

	static final Duration MEASURE = Duration.ofSeconds(60);

	/**
	 * How long frames may still arrive after a rate's last POST before they count as
	 * late.
	 */
	static final Duration DRAIN = Duration.ofSeconds(60);

	static final Duration TARGET_P99 = Duration.ofMillis(150);

	/** Suffix of a process's name that keys its JIT compiler threads' CPU in a sample. */
	private static final String JIT = " JIT";

	static final int GROUPS = 4;

	static final int CONTRACTORS = 40;

	/** Log lines that should not appear in normal operation, counted per service log. */
	static final List<String> WARNING_SIGNS = List.of("OUT_OF_ORDER_SEQUENCE_NUMBER", "CONCURRENT_TRANSACTIONS",
			"NOT_COORDINATOR", "is unavailable or invalid");

	private SystemBenchmark() {
	}

	/**
	 * One measured rate: POST latency (from the scheduled send), POST to frame at
	 * dispatcher and contractor clients (from the send), frames counted, CPU per process,
	 * and from the EventLog the relay's part (append to published) and the routing's
	 * (published to routed).
	 */
	record Phase(int rate, double achieved, FixedRateLoad.Result posts, Histogram dispatcher, long dispatcherFrames,
			Histogram contractor, long contractorFrames, int assignments, Map<String, Duration> cpu,
			AssignmentsDatabase.Lag relay, AssignmentsDatabase.Lag routing) {

		/** The larger of the two frame p99s, in milliseconds. */
		double frameP99() {
			return Math.max(this.dispatcher.getValueAtPercentile(99), this.contractor.getValueAtPercentile(99))
					/ 1000.0;
		}

		boolean complete() {
			return this.dispatcherFrames == this.assignments && this.contractorFrames == this.assignments
					&& this.posts.failed() == 0;
		}

	}

	/**
	 * A whole run: how long the warm-up lasted, where each log stood when the first rate
	 * began, and the measured rates.
	 */
	record Run(Duration warmedFor, Map<Path, Long> linesBeforeMeasurement, List<Phase> phases) {
	}

	public static void main(String[] args) throws Exception {
		List<Integer> rates = (args.length == 0) ? RATES : Arrays.stream(args).map(Integer::valueOf).toList();
		Path data = Files.createTempDirectory("system-benchmark-");
		double yardstickBefore = MachineYardstick.measure();
		try (LocalStack stack = LocalStack.start(StackSettings.forTests(data))) {
			// Ctrl-C stops the stack's processes too, not only this JVM.
			Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "benchmark-stack-shutdown"));
			List<ProcessCpu> processes = processes(data);
			Run run = run(stack, rates, processes);
			List<Phase> phases = run.phases();
			print(run, processes);
			printWarningSigns(data.resolve("logs"), run.linesBeforeMeasurement());
			RawKafka.Result raw = RawKafka.run(stack.kafka().bootstrapServers(),
					phases.stream().mapToInt(Phase::assignments).max().orElse(1));
			Phase best = phases.stream().filter(Phase::complete).reduce((a, b) -> b).orElse(phases.getLast());
			System.out.printf(
					"%nRaw Kafka on the same broker: %,d records of %d bytes, acks=all producer to a read_committed "
							+ "consumer: %,.0f records/s; the pipeline sustained %,.0f assignments/s (%.3f of raw)%n",
					raw.records(), raw.size(), raw.perSecond(), best.achieved(), best.achieved() / raw.perSecond());
		}
		System.out.printf(
				"%nMachine yardstick (a fixed piece of Java work, ms of CPU, the least of %d rounds): "
						+ "%.1f before the stack started, %.1f after it stopped%n",
				MachineYardstick.ROUNDS, yardstickBefore, MachineYardstick.measure());
	}

	private static List<ProcessCpu> processes(Path data) {
		return List.of(ProcessCpu.started("broker", "kafka.Kafka"), ProcessCpu.started("registry", "quarkus-run.jar"),
				ProcessCpu.postgres(data.resolve("postgres")),
				ProcessCpu.started("assignment-service", "assignment-service-0.1.0"),
				ProcessCpu.started("notification-streams", "notification-streams-0.1.0"),
				ProcessCpu.started("push-service", "push-service-0.1.0"),
				ProcessCpu.started("Connect worker", "ConnectDistributed"), ProcessCpu.snsEmulator(),
				ProcessCpu.of("benchmark (load, clients)", ProcessHandle.current()));
	}

	private static Run run(LocalStack stack, List<Integer> rates, List<ProcessCpu> processes) throws Exception {
		var db = new AssignmentsDatabase(stack);
		List<String> groups = IntStream.range(0, GROUPS).mapToObj(n -> "sys-" + n).toList();
		String pushUrl = stack.service(LocalStack.PUSH_SERVICE).url().replace("http://", "ws://");
		var dispatcherFrames = new Switch();
		var contractorFrames = new Switch();
		var sequence = new int[] { 0 };
		try (var dispatchers = new WebSocketClients();
				var contractors = new WebSocketClients();
				var load = new FixedRateLoad(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
						Tokens.dispatcher("D-bench", groups))) {
			dispatchers.listen(dispatcherFrames);
			contractors.listen(contractorFrames);
			dispatchers.connect(GROUPS,
					i -> URI
						.create(pushUrl + "/ws?access_token=" + Tokens.dispatcher("D-" + i, List.of(groups.get(i)))),
					Duration.ofSeconds(60));
			contractors.connect(CONTRACTORS,
					i -> URI.create(pushUrl + "/ws?access_token=" + Tokens.contractor("SC-" + i)),
					Duration.ofSeconds(60));
			System.out.printf(">> warm-up: %d assignments/s for %d s ...%n", WARMUP_RATE, WARMUP.toSeconds());
			Phase warmup = measure(db, load, groups, "SW-", WARMUP_RATE, WARMUP, dispatcherFrames, contractorFrames,
					sequence, processes);
			Duration warmedFor = WARMUP;
			double jit = systemJitMillis(warmup);
			while (jit > QUIET_JIT_MILLIS && warmedFor.compareTo(MAX_WARMUP) < 0) {
				System.out.printf(">> JIT compilers still at %.2f ms per assignment: %d s more ...%n", jit,
						SETTLE.toSeconds());
				warmup = measure(db, load, groups, "SW" + warmedFor.toSeconds() + "-", WARMUP_RATE, SETTLE,
						dispatcherFrames, contractorFrames, sequence, processes);
				warmedFor = warmedFor.plus(SETTLE);
				jit = systemJitMillis(warmup);
			}
			System.out.printf(">> JIT compilers at %.2f ms per assignment after %d s%n", jit, warmedFor.toSeconds());
			Map<Path, Long> linesBeforeMeasurement = lineCounts(stack.settings().dataDir().resolve("logs"));
			var phases = new ArrayList<Phase>();
			for (int rate : rates) {
				System.out.printf(">> %d assignments/s for %d s ...%n", rate, MEASURE.toSeconds());
				phases.add(measure(db, load, groups, "S" + rate + "-", rate, MEASURE, dispatcherFrames,
						contractorFrames, sequence, processes));
			}
			return new Run(warmedFor, linesBeforeMeasurement, phases);
		}
	}

	private static Phase measure(AssignmentsDatabase db, FixedRateLoad load, List<String> groups, String prefix,
			int rate, Duration duration, Switch dispatcherFrames, Switch contractorFrames, int[] sequence,
			List<ProcessCpu> processes) throws Exception {
		int count = rate * (int) duration.toSeconds();
		db.seed(prefix, "SC-", groups, count);
		var toDispatchers = new FrameArrivals(prefix, count, 0);
		var toContractors = new FrameArrivals(prefix, count, 0);
		dispatcherFrames.to(toDispatchers);
		contractorFrames.to(toContractors);
		int first = sequence[0];
		sequence[0] += count;
		IntFunction<FixedRateLoad.Post> requests = i -> toContractors.posting(i,
				toDispatchers.posting(i, assign(prefix, i, first + i)));
		Map<String, Duration> before = sample(processes);
		Instant from = Instant.now();
		long start = System.nanoTime();
		var posts = load.run(rate, duration, 0, requests, 201);
		double achieved = posts.sent() / ((System.nanoTime() - start) / 1e9);
		Instant to = Instant.now();
		toDispatchers.await(count, DRAIN);
		toContractors.await(count, DRAIN);
		Map<String, Duration> after = sample(processes);
		var cpu = new LinkedHashMap<String, Duration>();
		before.forEach((name, used) -> cpu.put(name, after.get(name).minus(used)));
		return new Phase(rate, achieved, posts, toDispatchers.total(), toDispatchers.frames(), toContractors.total(),
				toContractors.frames(), count, cpu, db.publishLag(from, to), db.routingLag(from, to));
	}

	/**
	 * Request {@code i} of a phase: its own job, one of the pooled contractors, and a
	 * slot of that contractor that no other request takes ({@code n} counts across
	 * phases).
	 */
	private static FixedRateLoad.Post assign(String prefix, int i, int n) {
		Instant start = Instant.parse("2032-01-05T00:00:00Z").plus(Duration.ofHours(n / CONTRACTORS));
		return new FixedRateLoad.Post("/api/jobs/" + prefix + i + "/assignments",
				"{\"contractorId\":\"SC-%d\",\"scheduledTimeSlot\":{\"start\":\"%s\",\"end\":\"%s\"}}"
					.formatted(n % CONTRACTORS, start, start.plus(Duration.ofMinutes(30))));
	}

	private static Map<String, Duration> sample(List<ProcessCpu> processes) {
		var sample = new LinkedHashMap<String, Duration>();
		processes.forEach(process -> {
			sample.put(process.name(), process.cpu());
			sample.put(process.name() + JIT, process.jit());
		});
		return sample;
	}

	private static void print(Run run, List<ProcessCpu> processes) {
		List<Phase> phases = run.phases();
		System.out.printf(
				"%nThe whole system on %d cores: %d dispatcher clients (one per group), %d contractor "
						+ "clients; %d s per rate after %d s at %d/s; latencies p50 / p99 in ms%n",
				Runtime.getRuntime().availableProcessors(), GROUPS, CONTRACTORS, MEASURE.toSeconds(),
				run.warmedFor().toSeconds(), WARMUP_RATE);
		System.out.printf("  %6s %9s %17s %19s %19s %16s %12s%n", "rate", "achieved", "POST", "POST -> dispatcher",
				"POST -> contractor", "frames arrived", "system CPU");
		for (Phase phase : phases) {
			System.out.printf("  %6d %9.1f %17s %19s %19s %7d/%-8d %9.2f ms%n", phase.rate(), phase.achieved(),
					pair(phase.posts().latencies()), pair(phase.dispatcher()), pair(phase.contractor()),
					Math.min(phase.dispatcherFrames(), phase.contractorFrames()), phase.assignments(),
					systemCpuMillis(phase));
		}
		System.out.printf("%nWhere POST -> frame waits, from the EventLog's times, p50 / p99 in ms%n  %6s %22s %22s%n",
				"rate", "append -> published", "published -> routed");
		for (Phase phase : phases) {
			System.out.printf("  %6d %22s %22s%n", phase.rate(), lag(phase.relay()), lag(phase.routing()));
		}
		System.out.printf(
				"%nCPU ms per assignment, by process, and of it the JVM's JIT compiler threads (system = "
						+ "all but the emulator, which stands in for AWS, and the benchmark's own JVM)%n  %-28s",
				"process");
		phases.forEach(phase -> System.out.printf(" %17s", phase.rate() + "/s (JIT)"));
		System.out.println();
		for (ProcessCpu process : processes) {
			System.out.printf("  %-28s", process.name());
			phases.forEach(phase -> System.out.printf(" %8.3f (%5.3f)", millisPerAssignment(phase, process.name()),
					millisPerAssignment(phase, process.name() + JIT)));
			System.out.println();
		}
		System.out.printf("  %-28s", "system");
		phases.forEach(phase -> System.out.printf(" %8.3f (%5.3f)", systemCpuMillis(phase), systemJitMillis(phase)));
		System.out.println();
		System.out.printf("  %-28s", "system without JIT");
		phases.forEach(phase -> System.out.printf(" %8.3f", systemCpuMillis(phase) - systemJitMillis(phase)));
		System.out.println();
		phases.stream()
			.filter(phase -> phase.complete() && phase.frameP99() < TARGET_P99.toMillis())
			.mapToInt(Phase::rate)
			.max()
			.ifPresentOrElse(
					rate -> System.out.printf("%nHighest rate with POST -> frame p99 under %d ms: %d/s%n",
							TARGET_P99.toMillis(), rate),
					() -> System.out.printf("%nNo rate kept POST -> frame p99 under %d ms%n", TARGET_P99.toMillis()));
	}

	private static double millisPerAssignment(Phase phase, String key) {
		return phase.cpu().get(key).toNanos() / 1e6 / phase.assignments();
	}

	private static double systemCpuMillis(Phase phase) {
		return systemMillis(phase, false);
	}

	private static double systemJitMillis(Phase phase) {
		return systemMillis(phase, true);
	}

	private static double systemMillis(Phase phase, boolean jit) {
		return phase.cpu()
			.entrySet()
			.stream()
			.filter(entry -> !entry.getKey().startsWith("emulator") && !entry.getKey().startsWith("benchmark")
					&& entry.getKey().endsWith(JIT) == jit)
			.mapToDouble(entry -> entry.getValue().toNanos() / 1e6)
			.sum() / phase.assignments();
	}

	private static String lag(AssignmentsDatabase.Lag lag) {
		return "%7.1f / %7.1f".formatted(lag.p50(), lag.p99());
	}

	private static String pair(Histogram micros) {
		return "%7.1f / %7.1f".formatted(micros.getValueAtPercentile(50) / 1000.0,
				micros.getValueAtPercentile(99) / 1000.0);
	}

	/**
	 * Counts, in each service's log, the lines that should not occur in normal operation.
	 */
	private static void printWarningSigns(Path logs, Map<Path, Long> linesBeforeMeasurement) throws IOException {
		System.out.printf("%nLog lines that normal operation should not produce, while the rates were measured "
				+ "(and over the whole run: start, warm-up and rates):%n");
		try (Stream<Path> files = Files.list(logs)) {
			for (Path log : files.sorted().toList()) {
				List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
				List<String> measuredLines = lines.subList(
						Math.min(linesBeforeMeasurement.getOrDefault(log, 0L).intValue(), lines.size()), lines.size());
				var counts = new ArrayList<String>();
				for (String sign : WARNING_SIGNS) {
					counts.add("%s %d (%d)".formatted(sign, count(measuredLines, sign), count(lines, sign)));
				}
				System.out.printf("  %-26s %s%n", log.getFileName(), String.join(", ", counts));
			}
		}
	}

	private static long count(List<String> lines, String sign) {
		return lines.stream().filter(line -> line.contains(sign)).count();
	}

	/** Lines in each log so far: where the measured part begins. */
	private static Map<Path, Long> lineCounts(Path logs) throws IOException {
		var counts = new LinkedHashMap<Path, Long>();
		try (Stream<Path> files = Files.list(logs)) {
			for (Path log : files.toList()) {
				try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
					counts.put(log, lines.count());
				}
			}
		}
		return counts;
	}

	/** Hands frames to the current phase's arrivals. */
	private static final class Switch implements WebSocketClients.Listener {

		private volatile WebSocketClients.Listener current = (client, content) -> {
		};

		void to(WebSocketClients.Listener listener) {
			this.current = listener;
		}

		@Override
		public void onText(int client, ByteBuf content) {
			this.current.onText(client, content);
		}

	}

}
