package com.fieldservice.systemtests;

import java.time.Duration;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SpringService;

/**
 * A second push-service instance beside the first, as a scaled-out deployment runs it: no
 * sticky sessions.
 */
final class PushInstances {

	private PushInstances() {
	}

	/** Instance 2, started on first use and again if a test stopped it. */
	static synchronized SpringService second(LocalStack stack) {
		SpringService second = stack.service(LocalStack.PUSH_SERVICE, 2);
		if (second == null) {
			return stack.startInstance(LocalStack.PUSH_SERVICE, 2);
		}
		if (!second.isRunning()) {
			second.start();
			second.awaitReady(Duration.ofSeconds(120));
		}
		return second;
	}

}
