package com.fieldservice.push.realtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;

/**
 * On shutdown, closes every session with 1012 (service restart) so clients reconnect at
 * once, to another instance during a rolling restart, instead of seeing the connection
 * drop.
 */
final class ShutdownNotice implements SmartLifecycle {

	static final CloseStatus RESTARTING = CloseStatus.SERVICE_RESTARTED.withReason("server restarting, reconnect");

	/**
	 * After the Kafka feed stops (no more notifications), before the web server's
	 * graceful shutdown.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Logger logger = LoggerFactory.getLogger(ShutdownNotice.class);

	private final Connections connections;

	private final SenderThreads threads;

	private final Duration timeout;

	private volatile boolean running;

	ShutdownNotice(Connections connections, SenderThreads threads, Duration timeout) {
		this.connections = connections;
		this.threads = threads;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		// In parallel: closing a stalled client's session can block until its pending
		// write times out.
		CompletableFuture<?>[] closing = connections.all()
			.stream()
			.map((delivery) -> CompletableFuture.runAsync(() -> delivery.connection().close(RESTARTING),
					threads::execute))
			.toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.allOf(closing).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			logger.warn("Not every session was closed within " + timeout + "; the server closes the rest");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
