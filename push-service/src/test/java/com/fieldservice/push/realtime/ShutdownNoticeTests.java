package com.fieldservice.push.realtime;

import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;

import com.fieldservice.push.security.Subscriber;

class ShutdownNoticeTests {

	private final SenderThreads threads = new SenderThreads();

	private final Connections connections = new Connections(100);

	@AfterEach
	void stopThreads() {
		threads.close();
	}

	@Test
	void tellsEveryClientToReconnectWithServiceRestart() throws Exception {
		var dispatcher = connect("s1", Subscriber.dispatcher("D-1", List.of("north")));
		var contractor = connect("s2", Subscriber.contractor("C-7"));
		var notice = new ShutdownNotice(connections, threads, Duration.ofSeconds(5));
		notice.start();

		notice.stop();

		var restarting = new CloseStatus(1012, "server restarting, reconnect");
		verify(dispatcher.session()).close(restarting);
		verify(contractor.session()).close(restarting);
	}

	private TestSessions.RecordingSession connect(String id, Subscriber subscriber) {
		var session = TestSessions.open(id);
		var connection = new Connection(session.session(), subscriber, new SendLimits(10_000, 1024 * 1024),
				threads::execute, () -> {
				});
		connections.add(new Delivery(connection, Subscription.of(subscriber, List.of()), null, null, 100, Instant.MAX,
				new AckLimit(5, 0)));
		return session;
	}

}
