package com.fieldservice.push.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;

import com.fieldservice.push.realtime.TestSessions.RecordingSession;
import com.fieldservice.push.security.Subscriber;

import tools.jackson.databind.json.JsonMapper;

class HeartbeatTests {

	private final Connections connections = new Connections(100);

	private final Heartbeat heartbeat = new Heartbeat(connections, new Frames(JsonMapper.builder().build()),
			Duration.ofSeconds(20));

	@Test
	void pingsEveryClientAndClosesThoseWhoseTokenHasExpired() throws Exception {
		var current = connect("current", Instant.now().plusSeconds(600));
		var expired = connect("expired", Instant.now().minusSeconds(1));

		heartbeat.beat();

		assertThat(current.written()).containsExactly("{\"type\":\"ping\"}");
		verify(current.session(), never()).close(any(CloseStatus.class));
		verify(expired.session()).close(new CloseStatus(1008, "token expired, sign in again"));
	}

	private RecordingSession connect(String id, Instant expiresAt) {
		var session = TestSessions.open(id);
		var subscriber = Subscriber.contractor("C-7");
		var connection = new Connection(session.session(), subscriber, new SendLimits(10_000, 1024 * 1024),
				Runnable::run, () -> {
				});
		connections.add(new Delivery(connection, Subscription.of(subscriber, List.of()), null, null, 100, expiresAt,
				new AckLimit(5, 0)));
		return session;
	}

}
