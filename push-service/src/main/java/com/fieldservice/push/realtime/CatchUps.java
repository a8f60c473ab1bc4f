package com.fieldservice.push.realtime;

import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

/**
 * Brings connections from where their clients resume up to the live feed: reads what they
 * missed from Kafka, then hands them over to live. A few platform threads do the reading,
 * so a reconnect storm queues here (its live frames waiting in each {@link Delivery})
 * instead of opening a Kafka consumer per client.
 */
final class CatchUps implements AutoCloseable {

	static final CloseStatus FAILED = CloseStatus.SERVICE_OVERLOAD
		.withReason("unavailable: could not read missed notifications, reconnect");

	private static final Logger logger = LoggerFactory.getLogger(CatchUps.class);

	private final History history;

	private final CatchUpProperties properties;

	private final RealtimeMetrics metrics;

	private final ExecutorService readers;

	/**
	 * @param history the topics' past, or {@code null} when Kafka is off: every
	 * connection then starts live
	 */
	CatchUps(History history, CatchUpProperties properties, RealtimeMetrics metrics) {
		this.history = history;
		this.properties = properties;
		this.metrics = metrics;
		this.readers = Executors.newFixedThreadPool(properties.concurrency(),
				Thread.ofPlatform().name("push-catch-up-", 0).daemon().factory());
	}

	/**
	 * Whether connections need the live feed's position of their partitions, because
	 * missed records are read.
	 */
	boolean readsHistory() {
		return history != null;
	}

	/**
	 * Starts {@code delivery} at {@code start}: live at once when nothing was missed,
	 * else after a catch-up.
	 * @param live the live position when the delivery registered
	 */
	void begin(Delivery delivery, Cursor start, Cursor live) {
		delivery.startAt(start);
		Cursor from = missed(start, live);
		if (from.isEmpty() || history == null) {
			delivery.goLive(start, Cursor.NONE);
			return;
		}
		try {
			readers.execute(() -> catchUp(delivery, from, live.restrictedTo(from.partitions())));
		}
		catch (RejectedExecutionException ex) {
			delivery.connection().closeLater(FAILED);
		}
	}

	/** The partitions where {@code start} lies behind the live position, from there. */
	static Cursor missed(Cursor start, Cursor live) {
		var behind = new TreeMap<StreamPartition, Long>();
		start.offsets().forEach((partition, offset) -> {
			if (offset < live.offset(partition).orElse(offset)) {
				behind.put(partition, offset);
			}
		});
		return new Cursor(behind);
	}

	/**
	 * The partitions where the client's position lies before the oldest record still
	 * there, with that oldest offset: what came before it is lost to this client.
	 */
	static Cursor lost(Cursor from, Cursor oldest) {
		var lost = new TreeMap<StreamPartition, Long>();
		oldest.offsets().forEach((partition, offset) -> {
			if (from.offset(partition).orElse(offset) < offset) {
				lost.put(partition, offset);
			}
		});
		return new Cursor(lost);
	}

	private void catchUp(Delivery delivery, Cursor from, Cursor to) {
		if (!delivery.connection().isOpen()) {
			return;
		}
		long started = System.nanoTime();
		try {
			Cursor lost = lost(from, history.oldest(from.partitions()));
			Cursor reached = history.replay(delivery.subscription().audiences(), from.max(lost), to,
					properties.timeout(), delivery::replay);
			delivery.goLive(reached, lost);
			metrics.caughtUp(System.nanoTime() - started);
		}
		catch (CancellationException ex) {
			// The client left (or fell too far behind) meanwhile: nobody to hand over to.
		}
		catch (RuntimeException ex) {
			logger.warn("Catch-up of session " + delivery.connection().id() + " from " + from + " failed", ex);
			metrics.catchUpFailed();
			delivery.connection().closeLater(FAILED);
		}
	}

	@Override
	public void close() {
		readers.shutdownNow();
	}

}
