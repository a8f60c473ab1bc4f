package com.fieldservice.connect.sns;

import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.connect.errors.RetriableException;

/**
 * Exponential backoff with full jitter: the wait before retry {@code n} (from 0) is
 * uniform in [0, min(max, base × 2ⁿ)], which spreads the retries of many tasks apart.
 */
final class Backoff {

	/** Waits; tests pass one that only records how long. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(long millis) throws InterruptedException;

	}

	private final long baseMs;

	private final long maxMs;

	private final Sleeper sleeper;

	Backoff(long baseMs, long maxMs, Sleeper sleeper) {
		this.baseMs = baseMs;
		this.maxMs = maxMs;
		this.sleeper = sleeper;
	}

	/** The longest wait before retry {@code retry}. */
	long cap(int retry) {
		long exponential = this.baseMs << Math.min(retry, 30);
		return (exponential < 0) ? this.maxMs : Math.min(this.maxMs, exponential);
	}

	/**
	 * @throws RetriableException when interrupted, so the worker redelivers what is not
	 * published yet
	 */
	void pause(int retry) {
		try {
			this.sleeper.sleep(ThreadLocalRandom.current().nextLong(cap(retry) + 1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RetriableException("Interrupted while waiting to retry SNS", ex);
		}
	}

}
