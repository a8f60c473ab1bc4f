package com.fieldservice.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.StackSettings;

/**
 * The one real stack the system tests share: started on free loopback ports on first use,
 * stopped when the test JVM exits. Starting it once keeps the suite fast; each test makes
 * its own jobs, contractors and groups.
 */
final class SystemStack {

	private static LocalStack stack;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(SystemStack::stop, "system-stack-shutdown"));
	}

	private SystemStack() {
	}

	static synchronized LocalStack get() {
		if (stack == null) {
			stack = LocalStack.start(StackSettings.forTests(dataDir()));
		}
		return stack;
	}

	/**
	 * Stops the shared stack, if it runs; the next {@link #get()} starts another. For a
	 * test that measures a stack of its own and needs the machine to itself.
	 */
	static synchronized void stop() {
		if (stack != null) {
			stack.close();
			stack = null;
		}
	}

	/**
	 * A stack of the caller's own with only Kafka, the registry and Postgres, for a test
	 * that crashes services and so must not share them; the caller closes it.
	 */
	static LocalStack startInfrastructure() {
		return LocalStack.startInfrastructure(StackSettings.forTests(dataDir()));
	}

	private static Path dataDir() {
		try {
			return Files.createTempDirectory(Path.of("target"), "system-stack-").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
