package com.fieldservice.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The run command: starts the whole system on the documented ports, prints where the
 * dashboard is and an example request, and stops everything cleanly on Ctrl-C. While it
 * runs, a process that dies is reported and restarted (see {@link Supervisor}).
 * {@code --clean} starts from empty data; {@code --brokers 3} runs three Kafka brokers
 * (replication factor 3, two in sync) with data of their own.
 */
public final class LocalStackMain {

	private LocalStackMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		List<String> options = Arrays.asList(args);
		boolean clean = options.contains("--clean");
		int brokers = brokers(options);
		Path home = StackSettings.findHome();
		Path data = (brokers == 1) ? home.resolve(".stack-data") : home.resolve(".stack-data/three-brokers");
		var settings = new StackSettings(home, data, clean, StackSettings.Ports.defaults(),
				StackSettings.DEV_JWT_SECRET, true, brokers, List.of());
		System.out
			.println((clean ? "Starting from clean data" : "Starting") + " (data in " + settings.dataDir() + ") ...");
		long started = System.nanoTime();
		var stack = new LocalStack(settings);
		var stopped = new CountDownLatch(1);
		var supervisor = new AtomicReference<Supervisor>();
		// Registered before starting, so Ctrl-C during the start also stops what has
		// started.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			// First, so that processes ending now are not taken for crashes.
			Optional.ofNullable(supervisor.get()).ifPresent(Supervisor::close);
			System.out.println("\nStopping the stack ...");
			stack.close();
			System.out.println("Stopped.");
			stopped.countDown();
		}, "stack-shutdown"));
		try {
			stack.startAll(true);
		}
		catch (RuntimeException ex) {
			System.err.println("The stack did not start: " + ex.getMessage());
			System.exit(1);
		}
		System.out.println(Banner.ready(stack, Duration.ofNanos(System.nanoTime() - started)));
		supervisor.set(stack.supervisor(System.out::println, () -> System.exit(1)));
		supervisor.get().start();
		stopped.await();
	}

	/** {@code --brokers N} or {@code --brokers=N}; 1 without. */
	private static int brokers(List<String> options) {
		for (int i = 0; i < options.size(); i++) {
			String option = options.get(i);
			if (option.startsWith("--brokers=")) {
				return Integer.parseInt(option.substring("--brokers=".length()));
			}
			if (option.equals("--brokers") && i + 1 < options.size()) {
				return Integer.parseInt(options.get(i + 1));
			}
		}
		return 1;
	}

}
