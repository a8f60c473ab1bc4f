package com.fieldservice.assignment.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.postgresql.PGConnection;

/**
 * Makes one instance of the service the relay leader: it holds a Postgres session
 * advisory lock on a connection of its own, and listens there for the NOTIFY
 * {@link RelayWakeups} sends after each committed append. If the leader dies its
 * connection closes, the lock is released, and another instance takes over on its next
 * poll.
 *
 * <p>
 * The connection is opened outside the connection pool on purpose: a pooled one would go
 * back to the pool on {@link #close()} with the lock still held (and LISTEN still on),
 * and no instance could lead until the pool retired it.
 */
class RelayLeadership implements AutoCloseable {

	/** Arbitrary, fixed lock id shared by every instance of the relay. */
	private static final long LOCK_ID = 7_205_001L;

	private final ConnectionFactory connections;

	private Connection connection;

	RelayLeadership(ConnectionFactory connections) {
		this.connections = connections;
	}

	/** Opens a new database connection, outside any pool. */
	@FunctionalInterface
	interface ConnectionFactory {

		Connection open() throws SQLException;

	}

	/** True when this instance holds (or just acquired) the leadership. */
	boolean acquire() {
		try {
			if (connection != null && connection.isValid(1)) {
				return true;
			}
			close();
			Connection candidate = connections.open();
			candidate.setAutoCommit(true);
			try (var statement = candidate.createStatement();
					var result = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_ID + ")")) {
				result.next();
				if (!result.getBoolean(1)) {
					candidate.close();
					return false;
				}
				statement.execute("LISTEN " + EventLog.CHANNEL);
			}
			connection = candidate;
			return true;
		}
		catch (SQLException ex) {
			close();
			return false;
		}
	}

	/**
	 * Waits until an append commits (NOTIFY) or the timeout passes, whichever is first.
	 */
	void awaitAppend(Duration timeout) {
		try {
			var notifications = connection.unwrap(PGConnection.class).getNotifications((int) timeout.toMillis());
			if (notifications == null) {
				return;
			}
		}
		catch (SQLException ex) {
			close();
		}
	}

	@Override
	public void close() {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// The connection is gone either way; the lock goes with it.
			}
			connection = null;
		}
	}

}
