package com.fieldservice.push.feed;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One platform thread that reads with a consumer until stopped. A failure closes the
 * consumer and, after a pause, starts over with a fresh one; {@link #stop} wakes the
 * consumer up so that a blocked poll returns at once.
 */
final class ConsumerThread<K, V> {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * What the thread does with each fresh consumer, for as long as {@link #isRunning}
	 * holds.
	 */
	@FunctionalInterface
	interface Reading<K, V> {

		void read(Consumer<K, V> consumer);

	}

	private final String name;

	private final Supplier<Consumer<K, V>> consumers;

	private final Reading<K, V> reading;

	private final Runnable afterEachConsumer;

	private final Duration retryBackoff;

	private final Logger logger;

	private volatile boolean running;

	private volatile Consumer<K, V> consumer;

	private volatile Thread thread;

	ConsumerThread(String name, Supplier<Consumer<K, V>> consumers, Reading<K, V> reading, Runnable afterEachConsumer,
			Duration retryBackoff, Logger logger) {
		this.name = name;
		this.consumers = consumers;
		this.reading = reading;
		this.afterEachConsumer = afterEachConsumer;
		this.retryBackoff = retryBackoff;
		this.logger = logger;
	}

	void start() {
		running = true;
		thread = Thread.ofPlatform().name(name).start(this::run);
	}

	void stop() {
		running = false;
		Consumer<K, V> current = consumer;
		if (current != null) {
			current.wakeup();
		}
		try {
			thread.join(STOP_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	boolean isRunning() {
		return running;
	}

	private void run() {
		while (running) {
			try (Consumer<K, V> created = consumers.get()) {
				consumer = created;
				if (running) {
					reading.read(created);
				}
			}
			catch (WakeupException ex) {
				// stop() woke the consumer up: the loop ends.
			}
			catch (RuntimeException ex) {
				logger.warn(name + " failed; retrying in " + retryBackoff, ex);
				pause();
			}
			finally {
				afterEachConsumer.run();
				consumer = null;
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(retryBackoff);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

}
