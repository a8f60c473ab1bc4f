package com.fieldservice.push.realtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

import com.fieldservice.push.realtime.Frames.NotificationMessage;

/**
 * What one connection receives, and where it stands: its subscription, its resume
 * position, and the hand-over from catch-up to live. While a catch-up replays what the
 * client missed, live frames wait here; once it has read up to (at least) the live feed's
 * position at registration, waiting frames it already replayed are dropped and the rest
 * are sent, so the client sees every record once, in order per partition.
 */
final class Delivery {

	static final CloseStatus TOO_FAR_BEHIND = CloseStatus.SERVICE_OVERLOAD
		.withReason("unavailable: too many notifications while catching up, reconnect");

	private final Connection connection;

	private final Subscription subscription;

	private final Frames frames;

	private final RealtimeMetrics metrics;

	private final int maxWaiting;

	private final Instant expiresAt;

	private final AckLimit ackLimit;

	private final List<NotificationMessage> waiting = new ArrayList<>();

	private Cursor position = Cursor.NONE;

	private boolean live;

	private volatile boolean welcomed;

	private boolean overflowed;

	private long replayed;

	/**
	 * @param maxWaiting most live frames kept while catching up; beyond, the client is
	 * told to reconnect (from the position it got so far)
	 * @param expiresAt when the client's token expires, or {@link Instant#MAX}
	 * @param ackLimit how many acks the client may send
	 */
	Delivery(Connection connection, Subscription subscription, Frames frames, RealtimeMetrics metrics, int maxWaiting,
			Instant expiresAt, AckLimit ackLimit) {
		this.connection = connection;
		this.subscription = subscription;
		this.frames = frames;
		this.metrics = metrics;
		this.maxWaiting = maxWaiting;
		this.expiresAt = expiresAt;
		this.ackLimit = ackLimit;
	}

	Connection connection() {
		return connection;
	}

	Subscription subscription() {
		return subscription;
	}

	boolean isExpired(Instant now) {
		return !now.isBefore(expiresAt);
	}

	/** Sends the welcome frame, which precedes every other frame. */
	void welcome(TextMessage welcome) {
		connection.send(welcome);
		welcomed = true;
	}

	/** Whether other features may send frames: only after the welcome. */
	boolean isWelcomed() {
		return welcomed;
	}

	/**
	 * Where the connection's stream starts: what the client resumes from, or the live
	 * position.
	 */
	synchronized void startAt(Cursor start) {
		position = start;
	}

	/**
	 * Checks an ack of this connection's client: it may acknowledge only what this
	 * connection sent it (the position it started from included), in the partitions of
	 * its subscription, and only so often.
	 * @throws Refusal when the position names another partition or one not sent yet, or
	 * when the client acks too often
	 */
	synchronized void checkAcknowledgement(Cursor acknowledged) {
		if (!ackLimit.tryAcquire(System.nanoTime())) {
			throw Refusal.tooMany("more than " + ackLimit.perSecond() + " acks per second; ack now and then");
		}
		for (var entry : acknowledged.offsets().entrySet()) {
			StreamPartition partition = entry.getKey();
			if (!subscription.partitions().contains(partition)) {
				throw Refusal.badRequest("ack names " + partition + ", a partition outside this subscription");
			}
			long sent = position.offset(partition).orElse(-1);
			if (entry.getValue() > sent) {
				throw Refusal.badRequest(
						"ack at " + partition + ":" + entry.getValue() + " is beyond what this connection was sent"
								+ ((sent < 0) ? "" : " (" + partition + ":" + sent + ")"));
			}
		}
	}

	/**
	 * A record from the live feed: sent, or kept until the catch-up is done. Once live, a
	 * record before the connection's position was sent already: the catch-up read past
	 * the feed (which lags behind after a restart) and delivered it.
	 */
	synchronized void live(NotificationMessage message) {
		if (live) {
			if (message.offset() >= position.offset(message.partition()).orElse(0)) {
				send(message, RealtimeMetrics.LIVE);
			}
		}
		else if (!overflowed && waiting.size() < maxWaiting) {
			waiting.add(message);
		}
		else if (!overflowed) {
			overflowed = true;
			waiting.clear();
			connection.closeLater(TOO_FAR_BEHIND);
		}
	}

	/**
	 * A record the client missed, read by the catch-up.
	 * @throws CancellationException when the connection is gone and the catch-up can stop
	 */
	synchronized void replay(Notification notification) {
		if (overflowed || !connection.isOpen()) {
			throw new CancellationException("Connection " + connection.id() + " closed during its catch-up");
		}
		replayed++;
		send(frames.notification(notification), RealtimeMetrics.CATCH_UP);
	}

	/**
	 * Ends the catch-up: tells the client it is caught up, then sends the waiting frames
	 * the catch-up did not reach.
	 * @param caughtUp where the catch-up stopped reading, at or beyond the live position
	 * at registration
	 * @param oldest the partitions whose records from the client's position on were no
	 * longer all there (past the topics' retention), with their oldest offset; empty when
	 * nothing was lost
	 */
	synchronized void goLive(Cursor caughtUp, Cursor oldest) {
		position = position.max(caughtUp);
		connection.send(frames.caughtUp(position, replayed, oldest));
		for (NotificationMessage message : waiting) {
			if (message.offset() >= position.offset(message.partition()).orElse(0)) {
				send(message, RealtimeMetrics.LIVE);
			}
		}
		waiting.clear();
		live = true;
	}

	private void send(NotificationMessage message, String delivery) {
		var sent = message.sentFrom(position);
		position = sent.to();
		connection.send(sent.frame());
		metrics.delivered(message.partition().stream(), delivery);
	}

}
