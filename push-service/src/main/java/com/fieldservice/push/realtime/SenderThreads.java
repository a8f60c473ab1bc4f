package com.fieldservice.push.realtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The virtual threads that write to clients: each connection's sender runs on one while
 * its queue has frames (see {@link Connection}), so neither the Kafka consumer nor the
 * heartbeat ever waits for a client. Deliberately not an
 * {@link java.util.concurrent.Executor} bean, which would replace Spring Boot's
 * application task executor.
 */
final class SenderThreads implements AutoCloseable {

	private final ExecutorService executor = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("push-send").factory());

	void execute(Runnable task) {
		executor.execute(task);
	}

	/**
	 * Abandons writes still blocked on stalled clients: their sessions are gone with the
	 * server.
	 */
	@Override
	public void close() {
		executor.shutdownNow();
	}

}
