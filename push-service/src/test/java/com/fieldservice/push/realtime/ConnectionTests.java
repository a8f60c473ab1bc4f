package com.fieldservice.push.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.websocket.RemoteEndpoint;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

import com.fieldservice.push.realtime.TestSessions.RecordingSession;
import com.fieldservice.push.security.Subscriber;

class ConnectionTests {

	private final SenderThreads threads = new SenderThreads();

	private final AtomicInteger cutOffs = new AtomicInteger();

	private final CountDownLatch clientReads = new CountDownLatch(1);

	@AfterEach
	void releaseAndStop() {
		clientReads.countDown();
		threads.close();
	}

	@Test
	void framesReachTheClientInTheOrderTheyWereSent() {
		var session = TestSessions.open("s1");
		var connection = connect(session, new SendLimits(10_000, 1024 * 1024));

		IntStream.range(0, 500).forEach((i) -> connection.send(new TextMessage("frame " + i)));

		await().atMost(Duration.ofSeconds(10)).until(() -> session.written().size() == 500);
		assertThat(session.written())
			.containsExactlyElementsOf(IntStream.range(0, 500).mapToObj((i) -> "frame " + i).toList());
	}

	@Test
	void aClientThatStopsReadingIsCutOffOnceItsBufferIsFullWithoutHoldingUpTheSender() throws Exception {
		var session = stalledSession();
		var connection = connect(session, new SendLimits(10_000, 100));

		long started = System.nanoTime();
		IntStream.range(0, 10).forEach((i) -> connection.send(new TextMessage("x".repeat(40))));
		Duration sending = Duration.ofNanos(System.nanoTime() - started);

		verify(session.session(), timeout(5_000)).close(Connection.TOO_SLOW);
		assertThat(cutOffs).hasValue(1);
		assertThat(sending).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void aClientWhoseWriteTakesLongerThanTheSendTimeLimitIsCutOffAtTheNextFrame() throws Exception {
		var session = stalledSession();
		var connection = connect(session, new SendLimits(50, 1024 * 1024));
		connection.send(new TextMessage("first"));
		verify(session.session(), timeout(5_000)).sendMessage(any());

		Thread.sleep(100);
		connection.send(new TextMessage("ping"));

		verify(session.session(), timeout(5_000)).close(Connection.TOO_SLOW);
		assertThat(Connection.TOO_SLOW.getReason()).isEqualTo("client too slow, reconnect");
	}

	@Test
	void framesOfAJsr356SessionAreBatchedUntilItsQueueIsEmptyThenBatchingStopsSoPongsGoOutAtOnce() throws Exception {
		var events = new CopyOnWriteArrayList<String>();
		var remote = mock(RemoteEndpoint.Basic.class);
		// Turning batching off is what flushes the batch, and what lets the container's
		// pongs
		// out without waiting for the next burst.
		willAnswer((invocation) -> events.add("flush")).given(remote).setBatchingAllowed(false);
		var container = mock(jakarta.websocket.Session.class);
		given(container.getBasicRemote()).willReturn(remote);
		var session = mock(WebSocketSession.class, withSettings().extraInterfaces(NativeWebSocketSession.class));
		given(((NativeWebSocketSession) session).getNativeSession(jakarta.websocket.Session.class))
			.willReturn(container);
		given(session.getId()).willReturn("batched");
		willAnswer((invocation) -> events.add(invocation.<TextMessage>getArgument(0).getPayload())).given(session)
			.sendMessage(any());
		var connection = new Connection(session, Subscriber.contractor("C-7"), new SendLimits(10_000, 1024 * 1024),
				threads::execute, cutOffs::incrementAndGet);

		IntStream.range(0, 100).forEach((i) -> connection.send(new TextMessage("frame " + i)));

		await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty() && events.getLast().equals("flush"));
		verify(remote, atLeastOnce()).setBatchingAllowed(true);
		assertThat(events.stream().filter((event) -> !event.equals("flush")))
			.containsExactlyElementsOf(IntStream.range(0, 100).mapToObj((i) -> "frame " + i).toList());
	}

	@Test
	void closingKeepsTheStatusAndReason() throws Exception {
		var session = TestSessions.open("s1");
		var connection = connect(session, new SendLimits(10_000, 1024 * 1024));

		connection.close(ShutdownNotice.RESTARTING);

		verify(session.session()).close(new CloseStatus(1012, "server restarting, reconnect"));
	}

	private Connection connect(RecordingSession session, SendLimits limits) {
		return new Connection(session.session(), Subscriber.contractor("C-7"), limits, threads::execute,
				cutOffs::incrementAndGet);
	}

	/**
	 * A session whose first write blocks until the test ends, like a client that stopped
	 * reading.
	 */
	private RecordingSession stalledSession() throws Exception {
		var session = TestSessions.open("slow");
		willAnswer((invocation) -> {
			clientReads.await();
			return null;
		}).given(session.session()).sendMessage(any());
		return session;
	}

}
