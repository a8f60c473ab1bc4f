package com.fieldservice.push.realtime;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator.OverflowStrategy;
import org.springframework.web.socket.handler.SessionLimitExceededException;

import com.fieldservice.push.security.Subscriber;

/**
 * One client connection with a send path that never blocks its caller: frames reach the client in the order they
 * were handed over, and a client that stops reading is cut off instead of holding anyone up.
 *
 * <p>
 * Spring's {@link ConcurrentWebSocketSessionDecorator} buffers frames while another thread is writing and enforces
 * the time and buffer limits, but the thread that finds the session idle writes itself and can block on a stalled
 * socket. So every frame is handed to its own (virtual) sender thread, and a turnstile lets those threads into the
 * decorator one at a time, in order: a thread passes it as soon as its frame is in the decorator's buffer, before
 * any writing.
 */
final class Connection {

	static final CloseStatus TOO_SLOW = CloseStatus.SESSION_NOT_RELIABLE.withReason("client too slow, reconnect");

	private static final Log logger = LogFactory.getLog(Connection.class);

	private final ConcurrentWebSocketSessionDecorator session;

	private final Subscriber subscriber;

	private final Executor senders;

	private final Runnable onCutOff;

	private final AtomicLong tickets = new AtomicLong();

	private final Turnstile turnstile = new Turnstile();

	private final AtomicBoolean cutOff = new AtomicBoolean();

	Connection(WebSocketSession session, Subscriber subscriber, SendLimits limits, Executor senders,
			Runnable onCutOff) {
		this.session = new ConcurrentWebSocketSessionDecorator(session, limits.sendTimeLimitMillis(),
				limits.bufferSizeLimitBytes(), OverflowStrategy.TERMINATE);
		this.session.setMessageCallback((message) -> turnstile.passCurrent());
		this.subscriber = subscriber;
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
		long ticket = tickets.getAndIncrement();
		try {
			senders.execute(() -> sendInTurn(ticket, frame));
		}
		catch (RejectedExecutionException ex) {
			// Only while shutting down: the connection is about to be closed anyway.
			turnstile.pass(ticket);
		}
	}

	/** Whether the session is open and was not cut off. */
	boolean isOpen() {
		return session.isOpen() && !cutOff.get();
	}

	/** Closes from a sender thread: closing writes a close frame, which can block on a stalled client. */
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

	private void sendInTurn(long ticket, TextMessage frame) {
		try {
			turnstile.await(ticket);
			session.sendMessage(frame);
		}
		catch (SessionLimitExceededException ex) {
			cutOff(ex);
		}
		catch (IOException | RuntimeException ex) {
			// Typically a session that closed while the frame was on its way: the container cleans it up.
			logger.debug("Sending to session " + id() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			// The decorator drops frames without buffering them once the session is closing: let the next one in.
			turnstile.pass(ticket);
		}
	}

	private void cutOff(SessionLimitExceededException ex) {
		// Several sender threads may find the limit exceeded at once: the client is cut off (and counted) once.
		if (!cutOff.compareAndSet(false, true)) {
			return;
		}
		logger.warn("Cutting off " + subscriber.role().wireName() + " " + subscriber.subject() + " (session " + id()
				+ "): " + ex.getMessage());
		onCutOff.run();
		try {
			// The decorator would replace the status by a bare SESSION_NOT_RELIABLE: close the session it wraps.
			session.getDelegate().close(TOO_SLOW);
		}
		catch (IOException | RuntimeException closeFailure) {
			logger.debug("Closing slow session " + id() + " failed", closeFailure);
		}
	}

	/** Admits ticket holders one at a time, in ticket order. */
	private static final class Turnstile {

		private final ReentrantLock lock = new ReentrantLock();

		private final Condition advanced = lock.newCondition();

		private long next;

		void await(long ticket) throws InterruptedException {
			lock.lock();
			try {
				while (next < ticket) {
					advanced.await();
				}
			}
			finally {
				lock.unlock();
			}
		}

		/** Called by the admitted thread once its frame is buffered. */
		void passCurrent() {
			lock.lock();
			try {
				pass(next);
			}
			finally {
				lock.unlock();
			}
		}

		void pass(long ticket) {
			lock.lock();
			try {
				if (next <= ticket) {
					next = ticket + 1;
					advanced.signalAll();
				}
			}
			finally {
				lock.unlock();
			}
		}

	}

}
