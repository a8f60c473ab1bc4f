package com.fieldservice.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The CPU time a process of the stack (or of the benchmark, or the whole machine) has
 * used so far. A process of the stack is found among this JVM's descendants by its
 * command line: the stack starts every process from here, so no accessor of the stack is
 * needed and no process of another stack on the machine can be taken for it.
 */
final class ProcessCpu {

	private final String name;

	private final Supplier<Duration> cpu;

	private final Supplier<Duration> jit;

	private ProcessCpu(String name, Supplier<Duration> cpu) {
		this(name, cpu, () -> Duration.ZERO);
	}

	private ProcessCpu(String name, Supplier<Duration> cpu, Supplier<Duration> jit) {
		this.name = name;
		this.cpu = cpu;
		this.jit = jit;
	}

	/** The Connect worker's JVM. */
	static ProcessCpu connectWorker() {
		return find("Connect worker", "org.apache.kafka.connect.cli.ConnectDistributed");
	}

	/** The SNS/SQS emulator's Node process. */
	static ProcessCpu snsEmulator() {
		return find("emulator", "sns-emulator/start.mjs");
	}

	/** A process this JVM started itself. */
	static ProcessCpu of(String name, ProcessHandle process) {
		return new ProcessCpu(name, () -> cpu(name, process), () -> compilerThreadsCpu(process));
	}

	/**
	 * Every process of the machine, the stack's and any other's: shows when something
	 * else competed for the cores during a measurement.
	 */
	static ProcessCpu machine() {
		return new ProcessCpu("machine", ProcessCpu::machineCpu);
	}

	/**
	 * The whole stack as it runs now: this JVM, every process it started, and the stack's
	 * Postgres, which detaches from its starter, with its backends. What the machine's
	 * busy time is beyond it, something else took. The processes are listed once: the
	 * list is read at every sample, a scan of all processes would cost more.
	 */
	static ProcessCpu stack(Path dataDir) {
		List<ProcessHandle> roots = Stream
			.concat(Stream.of(ProcessHandle.current()),
					ProcessHandle.allProcesses().filter(process -> commandLine(process).contains(dataDir.toString())))
			.toList();
		List<ProcessHandle> processes = roots.stream()
			.flatMap(root -> Stream.concat(Stream.of(root), root.descendants()))
			.distinct()
			.toList();
		return new ProcessCpu("stack",
				() -> processes.stream()
					.map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
					.reduce(Duration.ZERO, Duration::plus));
	}

	/**
	 * A process this JVM started, found by a part of its command line (a main class, a
	 * jar's name).
	 */
	static ProcessCpu started(String name, String commandLinePart) {
		return find(name, commandLinePart);
	}

	/**
	 * The stack's Postgres: its postmaster, which detaches from its starter, and every
	 * backend and worker it runs at the time of each sample.
	 */
	static ProcessCpu postgres(Path dataDir) {
		ProcessHandle postmaster = ProcessHandle.allProcesses()
			.filter(process -> commandLine(process).contains("-D " + dataDir))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No postmaster of " + dataDir));
		return new ProcessCpu("Postgres",
				() -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
					.map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
					.reduce(Duration.ZERO, Duration::plus));
	}

	private static ProcessCpu find(String name, String commandLinePart) {
		ProcessHandle process = ProcessHandle.current()
			.descendants()
			.filter(candidate -> commandLine(candidate).contains(commandLinePart))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No running " + name + " started by this JVM"));
		return new ProcessCpu(name, () -> cpu(name, process), () -> compilerThreadsCpu(process));
	}

	/**
	 * The whole command line from {@code /proc}: the JDK's
	 * {@code ProcessHandle.Info.commandLine()} gives up on a long one (the broker's class
	 * path lists every jar).
	 */
	private static String commandLine(ProcessHandle process) {
		try {
			return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
					StandardCharsets.UTF_8)
				.replace('\0', ' ');
		}
		catch (IOException ex) {
			return "";
		}
	}

	String name() {
		return this.name;
	}

	/** CPU time used so far. */
	Duration cpu() {
		return this.cpu.get();
	}

	/**
	 * The part of {@link #cpu()} a JVM's JIT compiler threads used so far: compiling is
	 * paid once, while a JVM warms up, not per assignment. Zero for a process that is no
	 * JVM.
	 */
	Duration jit() {
		return this.jit.get();
	}

	private static Duration compilerThreadsCpu(ProcessHandle process) {
		Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
		long ticks = 0;
		try (Stream<Path> threads = Files.list(tasks)) {
			for (Path thread : threads.toList()) {
				try {
					String name = Files.readString(thread.resolve("comm")).strip();
					if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
						String stat = Files.readString(thread.resolve("stat"));
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					}
				}
				catch (IOException ex) {
					// The thread ended between the listing and the read.
				}
			}
		}
		catch (IOException ex) {
			return Duration.ZERO;
		}
		return Duration.ofMillis(ticks * 10);
	}

	/**
	 * User plus system time of all its threads: on Linux the JDK reads utime and stime
	 * from {@code /proc/<pid>/stat}, in clock ticks (10 ms).
	 */
	private static Duration cpu(String name, ProcessHandle process) {
		return process.info()
			.totalCpuDuration()
			.orElseThrow(() -> new IllegalStateException(
					"No CPU time of the " + name + " (" + process.pid() + "): has it exited?"));
	}

	/**
	 * The busy time of all cores, from the first line of {@code /proc/stat}: user, nice,
	 * system, irq, softirq and steal (guest time is counted in user already), in USER_HZ
	 * ticks, 10 ms on Linux.
	 */
	private static Duration machineCpu() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
			long busy = 0;
			for (int field : new int[] { 1, 2, 3, 6, 7, 8 }) {
				busy += Long.parseLong(fields[field]);
			}
			return Duration.ofMillis(busy * 10);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read /proc/stat", ex);
		}
	}

}
