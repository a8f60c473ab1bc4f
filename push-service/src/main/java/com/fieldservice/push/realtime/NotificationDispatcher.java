package com.fieldservice.push.realtime;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import com.fieldservice.push.realtime.Frames.NotificationMessage;

/**
 * Pushes each record of the live feed to every connection subscribed to it: dispatchers
 * of the record's group, or every device of the record's contractor. Never blocks on a
 * client. Also knows how far the live feed has got, so a connection registering gets the
 * exact position from which the feed reaches it.
 */
public final class NotificationDispatcher {

	private final Connections connections;

	private final Frames frames;

	/**
	 * Makes "record dispatched" and "connection registered" mutually exclusive: see
	 * {@link #register}.
	 */
	private final ReentrantLock lock = new ReentrantLock();

	/** Next offset the feed dispatches, per partition; guarded by {@link #lock}. */
	private final Map<StreamPartition, Long> positions = new HashMap<>();

	NotificationDispatcher(Connections connections, Frames frames) {
		this.connections = connections;
		this.frames = frames;
	}

	/**
	 * Pushes one record of the live feed; the feed calls it in offset order per
	 * partition.
	 */
	public void dispatch(Notification notification) {
		lock.lock();
		try {
			positions.merge(notification.streamPartition(), notification.offset() + 1, Math::max);
			Collection<Delivery> recipients = connections.of(notification.audience());
			if (recipients.isEmpty()) {
				return;
			}
			// Serialized once, however many connections receive it.
			NotificationMessage message = frames.notification(notification);
			recipients.forEach((delivery) -> delivery.live(message));
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * The feed moved on without records for clients: at start, or past transaction
	 * markers.
	 */
	public void advance(Map<StreamPartition, Long> feedPositions) {
		lock.lock();
		try {
			feedPositions.forEach((partition, offset) -> positions.merge(partition, offset, Math::max));
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * How far the feed has dispatched; after a failure it resumes from here rather than
	 * skip records.
	 */
	public Cursor livePosition() {
		lock.lock();
		try {
			return Cursor.of(positions);
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Registers a connection for live records and returns the live position at that
	 * moment, restricted to the connection's partitions: every record from there on
	 * reaches the connection, every earlier one has to come from a catch-up. Taken under
	 * the lock that every dispatch holds, so no record falls between the two.
	 */
	Cursor register(Delivery delivery) {
		lock.lock();
		try {
			connections.add(delivery);
			return Cursor.of(positions).restrictedTo(delivery.subscription().partitions());
		}
		finally {
			lock.unlock();
		}
	}

}
