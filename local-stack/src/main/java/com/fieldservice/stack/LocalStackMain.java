package com.fieldservice.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: starts the whole system on the documented ports, prints where the
 * dashboard is and an example request, and stops everything cleanly on Ctrl-C.
 * {@code --clean} starts from empty data.
 */
public final class LocalStackMain {

	private LocalStackMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		boolean clean = Arrays.asList(args).contains("--clean");
		Path home = StackSettings.findHome();
		var settings = new StackSettings(home, home.resolve(".stack-data"), clean, StackSettings.Ports.defaults(),
				StackSettings.DEV_JWT_SECRET, true);
		System.out
			.println((clean ? "Starting from clean data" : "Starting") + " (data in " + settings.dataDir() + ") ...");
		long started = System.nanoTime();
		var stack = new LocalStack(settings);
		var stopped = new CountDownLatch(1);
		// Registered before starting, so Ctrl-C during the start also stops what has
		// started.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
		stopped.await();
	}

}
