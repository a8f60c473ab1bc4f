package com.fieldservice.push.realtime;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

import com.fieldservice.push.security.Subscriber;

/**
 * One client connection with a send path that never blocks its caller: frames reach the
 * client in the order they were handed over, and a client that stops reading is cut off
 * instead of holding anyone up.
 *
 * <p>
 * Frames wait in the connection's queue; whoever queues into an empty queue starts one
 * sender (a virtual thread) that writes until the queue is empty, so a burst costs one
 * thread, not one per frame. The limits are those of Spring's
 * {@code ConcurrentWebSocketSessionDecorator}, checked when a frame is queued: more than
 * the buffer limit waiting, or a write in progress for longer than the time limit, cuts
 * the client off. (That decorator writes on the caller's thread when the session is idle,
 * which can block the Kafka consumer on a stalled socket.)
 */
final class Connection {

	static final CloseStatus TOO_SLOW = CloseStatus.SESSION_NOT_RELIABLE.withReason("client too slow, reconnect");

	private static final Logger logger = LoggerFactory.getLogger(Connection.class);

	private final WebSocketSession session;

	private final Batch batch;

	private final Subscriber subscriber;

	private final SendLimits limits;

	private final Executor senders;

	private final Runnable onCutOff;

	private final Queue<TextMessage> queue = new ConcurrentLinkedQueue<>();

	/** Frames queued and not yet written; the sender runs while it is above zero. */
	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicLong queuedBytes = new AtomicLong();

	/**
	 * When the write in progress started ({@link System#nanoTime}), or 0 between writes.
	 */
	private volatile long writingSince;

	private final AtomicBoolean cutOff = new AtomicBoolean();

	Connection(WebSocketSession session, Subscriber subscriber, SendLimits limits, Executor senders,
			Runnable onCutOff) {
		this.session = session;
		this.batch = Batch.of(session);
		this.subscriber = subscriber;
		this.limits = limits;
		this.senders = senders;
		this.onCutOff = onCutOff;
	}

	String id() {
		return session.getId();
	}

	Subscriber subscriber() {
		return subscriber;
	}

	/** Queues {@code frame} for this client and returns at once. */
	void send(TextMessage frame) {
		if (cutOff.get()) {
			return;
		}
		String limitExceeded = limitExceeded(frame.getPayloadLength());
		if (limitExceeded != null) {
			cutOff(limitExceeded);
			return;
		}
		queuedBytes.addAndGet(frame.getPayloadLength());
		queue.add(frame);
		if (queued.getAndIncrement() == 0) {
			try {
				senders.execute(this::writeQueued);
			}
			catch (RejectedExecutionException ex) {
				// Only while shutting down: the connection is about to be closed anyway.
			}
		}
	}

	/** Whether the session is open and was not cut off. */
	boolean isOpen() {
		return session.isOpen() && !cutOff.get();
	}

	/**
	 * Closes from a sender thread: closing writes a close frame, which can block on a
	 * stalled client.
	 */
	void closeLater(CloseStatus status) {
		try {
			senders.execute(() -> close(status));
		}
		catch (RejectedExecutionException ex) {
			// Only while shutting down: the server closes every session anyway.
		}
	}

	void close(CloseStatus status) {
		try {
			session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Closing session " + id() + " failed", ex);
		}
	}

	private String limitExceeded(int frameBytes) {
		long since = writingSince;
		if (since != 0 && System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(limits.sendTimeLimitMillis())) {
			return "a write has taken more than " + limits.sendTimeLimitMillis() + " ms";
		}
		if (queuedBytes.get() + frameBytes > limits.bufferSizeLimitBytes()) {
			return "more than " + limits.bufferSizeLimitBytes() + " bytes waiting";
		}
		return null;
	}

	/**
	 * The sender: writes until the queue is empty, then flushes. Only one runs at a time
	 * per connection. The frames of a burst go out in as few socket writes as the
	 * container's buffer allows.
	 */
	private void writeQueued() {
		do {
			TextMessage frame = queue.poll();
			queuedBytes.addAndGet(-frame.getPayloadLength());
			boolean lastKnown = queued.get() == 1;
			if (!cutOff.get()) {
				write(() -> {
					batch.start();
					session.sendMessage(frame);
					if (lastKnown) {
						batch.end();
					}
				});
			}
		}
		while (queued.decrementAndGet() > 0);
	}

	private void write(Write write) {
		writingSince = System.nanoTime();
		try {
			write.run();
		}
		catch (IOException | RuntimeException ex) {
			// Typically a session that closed while the frame was on its way: the
			// container cleans it up.
			logger.debug("Sending to session " + id() + " failed", ex);
		}
		finally {
			writingSince = 0;
		}
	}

	private void cutOff(String reason) {
		// Several threads may find a limit exceeded at once: the client is cut off (and
		// counted) once.
		if (!cutOff.compareAndSet(false, true)) {
			return;
		}
		logger.warn("Cutting off " + subscriber.role().wireName() + " " + subscriber.subject() + " (session " + id()
				+ "): " + reason);
		onCutOff.run();
		closeLater(TOO_SLOW);
	}

	@FunctionalInterface
	private interface Write {

		void run() throws IOException;

	}

	/**
	 * Lets the container buffer a burst's frames and write them at once (JSR-356
	 * batching), where the session is a JSR-356 one; a frame costs a socket write
	 * otherwise. Batching is on only while a burst is written: the container answers a
	 * client's ping through the same buffer, and a pong left in it would wait for the
	 * next burst. The container flushes a batch itself when its buffer fills and before a
	 * close frame.
	 */
	private interface Batch {

		Batch NONE = new Batch() {

			@Override
			public void start() {
			}

			@Override
			public void end() {
			}

		};

		/** Buffers the frames written from now on. */
		void start() throws IOException;

		/** Writes what is buffered, and buffers no more (pongs go out at once). */
		void end() throws IOException;

		static Batch of(WebSocketSession session) {
			jakarta.websocket.Session container = (session instanceof NativeWebSocketSession nativeSession)
					? nativeSession.getNativeSession(jakarta.websocket.Session.class) : null;
			if (container == null) {
				return NONE;
			}
			var remote = container.getBasicRemote();
			return new Batch() {

				@Override
				public void start() throws IOException {
					remote.setBatchingAllowed(true);
				}

				@Override
				public void end() throws IOException {
					// Turning batching off flushes the batch.
					remote.setBatchingAllowed(false);
				}

			};
		}

	}

}
