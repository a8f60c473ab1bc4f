package com.fieldservice.push.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;

/**
 * Sends every client a ping frame at a fixed interval: idle connections stay open through
 * proxies and load balancers, and a client that stopped reading is noticed (and cut off)
 * even when no notification is due. Closes connections whose token has expired.
 */
final class Heartbeat implements SmartLifecycle {

	/**
	 * A token is checked when the client connects; a connection must not outlive it by
	 * more than one beat.
	 */
	static final CloseStatus TOKEN_EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("token expired, sign in again");

	private static final Logger logger = LoggerFactory.getLogger(Heartbeat.class);

	private final Connections connections;

	private final Frames frames;

	private final Duration interval;

	private volatile ScheduledExecutorService scheduler;

	Heartbeat(Connections connections, Frames frames, Duration interval) {
		this.connections = connections;
		this.frames = frames;
		this.interval = interval;
	}

	@Override
	public void start() {
		scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("push-heartbeat").daemon().factory());
		long millis = interval.toMillis();
		scheduler.scheduleAtFixedRate(this::beat, millis, millis, TimeUnit.MILLISECONDS);
	}

	void beat() {
		try {
			Instant now = Instant.now();
			for (Delivery delivery : connections.all()) {
				if (delivery.isExpired(now)) {
					delivery.connection().closeLater(TOKEN_EXPIRED);
				}
				else {
					delivery.connection().send(frames.ping());
				}
			}
		}
		catch (RuntimeException ex) {
			// An exception would cancel the fixed-rate schedule for good.
			logger.error("Heartbeat failed", ex);
		}
	}

	@Override
	public void stop() {
		scheduler.shutdownNow();
		scheduler = null;
	}

	@Override
	public boolean isRunning() {
		return scheduler != null;
	}

}
