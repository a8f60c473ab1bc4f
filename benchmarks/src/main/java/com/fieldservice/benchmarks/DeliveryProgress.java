package com.fieldservice.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples on a thread of its own, every 50 ms, how many messages a queue holds and the
 * CPU time of the processes involved, while one part of the SNS throughput benchmark
 * fills the queue; then gives the rate and the CPU cost of the steady part, from 10 % to
 * 90 % of the messages. The queue is the one measure both the connector and the baseline
 * share, and the emulator fans a message out to it before it answers the publish.
 */
final class DeliveryProgress implements AutoCloseable {

	private static final Duration INTERVAL = Duration.ofMillis(50);

	/**
	 * Messages per second in the steady part, and each process's CPU seconds per 1,000
	 * messages in it (in the order the processes were given).
	 */
	record Steady(double messagesPerSecond, List<Double> cpuSecondsPer1000) {
	}

	/**
	 * When the queue held {@code depth} messages, and the CPU nanoseconds used by then.
	 */
	private record Sample(long nanos, int depth, long[] cpuNanos) {
	}

	private final EmulatorClients clients;

	private final String queueUrl;

	private final List<ProcessCpu> processes;

	private final List<Sample> samples = new ArrayList<>();

	private final Thread thread;

	private volatile boolean running = true;

	DeliveryProgress(EmulatorClients clients, String queueUrl, List<ProcessCpu> processes) {
		this.clients = clients;
		this.queueUrl = queueUrl;
		this.processes = List.copyOf(processes);
		sample();
		this.thread = Thread.ofPlatform().name("delivery-progress").start(this::run);
	}

	private void run() {
		while (this.running) {
			sample();
			pause(INTERVAL);
		}
	}

	private void sample() {
		long[] cpu = this.processes.stream().mapToLong(process -> process.cpu().toNanos()).toArray();
		int depth = this.clients.depth(this.queueUrl);
		synchronized (this.samples) {
			this.samples.add(new Sample(System.nanoTime(), depth, cpu));
		}
	}

	/**
	 * Waits until the queue holds at least {@code count} messages, then a second longer
	 * for copies; returns how many it holds then.
	 */
	int awaitDepth(int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (lastDepth() < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Only " + lastDepth() + " of " + count + " messages arrived within "
						+ timeout.toSeconds() + " s");
			}
			pause(INTERVAL);
		}
		pause(Duration.ofSeconds(1));
		return lastDepth();
	}

	private int lastDepth() {
		synchronized (this.samples) {
			return this.samples.getLast().depth();
		}
	}

	/**
	 * The steady part of delivering {@code total} messages: from the moment the queue
	 * held 10 % of them to the moment it held 90 %, each moment (and the CPU time then)
	 * interpolated between the two samples around it. Leaves out the start (a connector's
	 * task starting and joining its group, a cold loop) and the tail.
	 */
	Steady steady(int total) {
		double from = total * 0.1;
		double to = total * 0.9;
		long[] start = at(from);
		long[] end = at(to);
		double seconds = (end[0] - start[0]) / 1e9;
		double thousands = (to - from) / 1000;
		var cpu = new ArrayList<Double>();
		for (int i = 0; i < this.processes.size(); i++) {
			cpu.add((end[i + 1] - start[i + 1]) / 1e9 / thousands);
		}
		return new Steady((to - from) / seconds, cpu);
	}

	/**
	 * The time and the CPU times (nanoseconds) when the queue reached {@code depth}.
	 */
	private long[] at(double depth) {
		synchronized (this.samples) {
			for (int i = 1; i < this.samples.size(); i++) {
				Sample before = this.samples.get(i - 1);
				Sample after = this.samples.get(i);
				if (after.depth() >= depth && after.depth() > before.depth()) {
					double share = Math.clamp((depth - before.depth()) / (after.depth() - before.depth()), 0, 1);
					long[] values = new long[1 + before.cpuNanos().length];
					values[0] = interpolate(before.nanos(), after.nanos(), share);
					for (int p = 0; p < before.cpuNanos().length; p++) {
						values[p + 1] = interpolate(before.cpuNanos()[p], after.cpuNanos()[p], share);
					}
					return values;
				}
			}
		}
		throw new IllegalStateException("The queue never held " + depth + " messages");
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static long interpolate(long from, long to, double share) {
		return from + Math.round((to - from) * share);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(Duration.ofSeconds(10));
	}

}
