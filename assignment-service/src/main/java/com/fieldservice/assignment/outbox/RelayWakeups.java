package com.fieldservice.assignment.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.context.SmartLifecycle;

/**
 * Wakes the relay leader, on whichever instance it runs, after an append committed: a
 * Postgres NOTIFY sent from its own connection, outside the assignment's transaction. (A
 * NOTIFY inside that transaction would hold Postgres's notify lock through the commit's
 * WAL flush and serialize every assignment.) Wake-ups coalesce: while appends come closer
 * together than {@code linger}, a wake-up waits {@code linger} for more before it is
 * sent, and while one is pending more add nothing. The relay then publishes what gathered
 * in one Kafka transaction and one database commit, where a wake-up per append would cost
 * a transaction, a commit and a NOTIFY per assignment. An append that comes longer than
 * {@code linger} after the one before it is sent at once: another is not likely to join
 * it, so waiting would cost latency and save nothing.
 */
class RelayWakeups implements SmartLifecycle {

	private final DataSource dataSource;

	private final Duration linger;

	private final BlockingQueue<Boolean> pending = new ArrayBlockingQueue<>(1);

	/** When the last append signalled, and how long after the one before it. */
	private final AtomicLong lastSignal = new AtomicLong(System.nanoTime() - Duration.ofDays(1).toNanos());

	private volatile long lastGap = Long.MAX_VALUE;

	private volatile boolean running;

	private Thread thread;

	private Connection connection;

	RelayWakeups(DataSource dataSource, Duration linger) {
		this.dataSource = dataSource;
		this.linger = linger;
	}

	/** Asks for a wake-up; never blocks. */
	void signal() {
		long now = System.nanoTime();
		lastGap = now - lastSignal.getAndSet(now);
		pending.offer(Boolean.TRUE);
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofPlatform().name("relay-wakeups").daemon().start(this::run);
	}

	@Override
	public void stop() {
		running = false;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void run() {
		while (running) {
			try {
				if (pending.poll(1, TimeUnit.SECONDS) != null) {
					if (lastGap < linger.toNanos()) {
						Thread.sleep(linger);
					}
					pending.clear();
					notifyRelay();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		closeConnection();
	}

	private void notifyRelay() throws InterruptedException {
		try {
			if (connection == null || connection.isClosed()) {
				connection = dataSource.getConnection();
				connection.setAutoCommit(true);
			}
			try (var statement = connection.createStatement()) {
				statement.execute("NOTIFY " + EventLog.CHANNEL);
			}
		}
		catch (SQLException ex) {
			// The relay's poll picks the rows up anyway; try a fresh connection next
			// time.
			closeConnection();
			Thread.sleep(Duration.ofMillis(100));
		}
	}

	private void closeConnection() {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// Nothing to do: the connection is discarded.
			}
			connection = null;
		}
	}

}
