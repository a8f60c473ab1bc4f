package com.fieldservice.push.realtime;

import static com.fieldservice.push.realtime.JobAssignedBuilder.aJobAssigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.fieldservice.push.security.Role;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.testsupport.WebSocketTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WebSocket endpoint on a real server (dev profile, Kafka off), driven by the JDK's
 * WebSocket client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "push.kafka.enabled=false", "push.websocket.max-connections-per-subscriber=3",
				"push.websocket.allowed-origins=https://dashboard.example", "management.server.port=0" })
@ActiveProfiles("dev")
class NotificationEndpointTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private NotificationDispatcher dispatcher;

	@Autowired
	private Connections connections;

	@Test
	void aDispatcherWithAValidTokenIsWelcomedWithItsGroups() throws Exception {
		String token = get("/dev/tokens/dispatcher?sub=D-1&groups=north,emergency").body();

		try (var client = WebSocketTestClient.connect(ws(token), Map.of())) {
			assertThat(client.nextFrame()).isEqualTo(tree("""
					{"type": "welcome", "role": "dispatcher", "subject": "D-1", "groups": ["north", "emergency"],
					 "subscriptions": ["dispatcher:emergency", "dispatcher:north"], "resume": ""}
					"""));
			assertThat(client.nextFrame()).isEqualTo(tree("""
					{"type": "caughtUp", "resume": "", "replayed": 0, "complete": true}
					"""));
		}
	}

	@Test
	void aContractorIsWelcomedWithoutGroups() throws Exception {
		String token = get("/dev/tokens/contractor?sub=C-8").body();

		try (var client = WebSocketTestClient.connect(ws(token), Map.of())) {
			assertThat(client.nextFrame()).isEqualTo(tree("""
					{"type": "welcome", "role": "contractor", "subject": "C-8", "groups": [],
					 "subscriptions": ["contractor:C-8"], "resume": ""}
					"""));
		}
	}

	@Test
	void acceptsTheTokenInAnAuthorizationHeader() throws Exception {
		String token = get("/dev/tokens/contractor").body();

		try (var client = WebSocketTestClient.connect(ws(null), Map.of("Authorization", "Bearer " + token))) {
			assertThat(client.nextFrame().get("subject").asString()).isEqualTo("C-7");
		}
	}

	@Test
	void aConnectedDispatcherReceivesRecordsOfItsGroupsAsJobAssignedFrames() throws Exception {
		String token = get("/dev/tokens/dispatcher?sub=D-2&groups=south").body();

		try (var client = WebSocketTestClient.connect(ws(token), Map.of())) {
			client.nextFrame();
			client.nextFrame();
			await().atMost(Duration.ofSeconds(5)).until(() -> connections.count(Role.DISPATCHER) > 0);
			var event = aJobAssigned().inGroups("south").build();
			int partition = StreamPartition.of(Audience.dispatchGroup("south")).partition();
			dispatcher.dispatch(Notification.of(Audience.dispatchGroup("south"), partition, 17, event));

			JsonNode frame = client.nextFrame();
			assertThat(frame.get("type").asString()).isEqualTo("jobAssigned");
			assertThat(frame.get("position").asString()).isEqualTo(partition + ":17");
			assertThat(frame.get("resume").asString()).isEqualTo("d" + partition + ":18");
			assertThat(frame.at("/event/scheduledTimeSlot/start").asString()).isEqualTo("2030-01-07T09:00:00Z");
			assertThat(frame.at("/event/occurredAt").asString()).isEqualTo("2030-01-06T15:04:05.123Z");
			assertThat(frame.at("/event/job/serviceAddress").has("region")).isTrue();
		}
	}

	@Nested
	class RefusesWithAnErrorFrameAndACloseReason {

		@Test
		void aContractorSubscribingToAnotherContractor() throws Exception {
			String token = get("/dev/tokens/contractor?sub=C-7").body();

			assertRefused(ws(token, "subscribe=contractor:C-8"), "forbidden",
					"contractor C-7 may not subscribe to contractor:C-8");
		}

		@Test
		void aContractorSubscribingToADispatchGroup() throws Exception {
			String token = get("/dev/tokens/contractor?sub=C-7").body();

			assertRefused(ws(token, "subscribe=dispatcher:north"), "forbidden",
					"contractor C-7 may not subscribe to dispatcher:north");
		}

		@Test
		void aDispatcherSubscribingToAGroupOutsideItsToken() throws Exception {
			String token = get("/dev/tokens/dispatcher?sub=D-2&groups=south").body();

			assertRefused(ws(token, "subscribe=dispatcher:south,dispatcher:north"), "forbidden",
					"dispatcher D-2 may not subscribe to dispatcher:north");
		}

		@Test
		void aDispatcherSubscribingToAContractor() throws Exception {
			String token = get("/dev/tokens/dispatcher?sub=D-2&groups=south").body();

			assertRefused(ws(token, "subscribe=contractor:C-7"), "forbidden",
					"dispatcher D-2 may not subscribe to contractor:C-7");
		}

		@Test
		void aMalformedResumePosition() throws Exception {
			String token = get("/dev/tokens/contractor?sub=C-7").body();

			assertRefused(ws(token, "resume=yesterday"), "bad-request", "malformed resume position");
		}

		private void assertRefused(URI uri, String code, String message) throws Exception {
			try (var client = WebSocketTestClient.connect(uri, Map.of())) {
				JsonNode error = client.nextFrame();
				assertThat(error.get("type").asString()).isEqualTo("error");
				assertThat(error.get("code").asString()).isEqualTo(code);
				assertThat(error.get("message").asString()).contains(message);
				var closed = client.closed();
				assertThat(closed.code()).isEqualTo(1008);
				assertThat(closed.reason()).startsWith(code + ": ").contains(message);
			}
		}

	}

	@Test
	void aDispatcherMayNarrowItsSubscriptionToSomeOfItsGroups() throws Exception {
		String token = get("/dev/tokens/dispatcher?sub=D-1&groups=north,emergency").body();

		try (var client = WebSocketTestClient.connect(ws(token, "subscribe=dispatcher:emergency"), Map.of())) {
			JsonNode welcome = client.nextFrame();
			assertThat(welcome.get("subscriptions").values().stream().map(JsonNode::asString))
				.containsExactly("dispatcher:emergency");
			client.nextFrame();
			await().atMost(Duration.ofSeconds(5)).until(() -> connections.count(Role.DISPATCHER) > 0);
			var event = aJobAssigned().inGroups("north", "emergency").build();
			dispatcher.dispatch(Notification.of(Audience.dispatchGroup("north"), 0, 1, event));
			dispatcher.dispatch(Notification.of(Audience.dispatchGroup("emergency"), 0, 2, event));

			assertThat(client.nextFrame().get("key").asString()).isEqualTo("emergency");
		}
	}

	@Test
	void answersAFrameItDoesNotUnderstandWithAnErrorFrameAndStaysOpen() throws Exception {
		String token = get("/dev/tokens/contractor?sub=C-7").body();

		try (var client = WebSocketTestClient.connect(ws(token), Map.of())) {
			client.nextFrame();
			client.nextFrame();
			client.send("{\"type\":\"subscribe\",\"destination\":\"contractor:C-8\"}");

			JsonNode error = client.nextFrame();
			assertThat(error.get("code").asString()).isEqualTo("bad-request");
			assertThat(error.get("message").asString()).contains("clients only send ack frames");
			client.send("{\"type\":\"ack\",\"resume\":\"\"}");
			assertThat(client.isClosed()).isFalse();
		}
	}

	@Test
	void closesAConnectionWhoseClientSendsMoreThanTheInboundLimit() throws Exception {
		String token = get("/dev/tokens/contractor?sub=C-7").body();

		try (var client = WebSocketTestClient.connect(ws(token), Map.of())) {
			client.send("{\"type\":\"ack\",\"resume\":\"" + "x".repeat(20_000) + "\"}");

			assertThat(client.closed().code()).isEqualTo(1009);
		}
	}

	@Test
	void explainsAnExpiredTokenInTheRefusedHandshake() throws Exception {
		String expired = Tokens.expired("D-1", "dispatcher");

		var refusal = WebSocketTestClient.refusal(ws(expired), Map.of());

		assertThat(refusal.statusCode()).isEqualTo(401);
		assertThat(refusal.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((header) -> assertThat(header).contains("error=\"invalid_token\"").contains("expired"));
	}

	@Nested
	class RefusesTheHandshakeWith401 {

		@Test
		void withoutAToken() throws Exception {
			assertThat(WebSocketTestClient.refusal(ws(null), Map.of()).statusCode()).isEqualTo(401);
		}

		@Test
		void withAForgedToken() throws Exception {
			String forged = Tokens.signedWith("forged-secret-0123456789abcdef-0123456789", "D-1", "dispatcher");

			assertThat(WebSocketTestClient.refusal(ws(forged), Map.of()).statusCode()).isEqualTo(401);
		}

		@Test
		void withAnExpiredToken() throws Exception {
			String expired = Tokens.expired("D-1", "dispatcher");

			assertThat(WebSocketTestClient.refusal(ws(expired), Map.of()).statusCode()).isEqualTo(401);
		}

		@Test
		void withGarbage() throws Exception {
			assertThat(WebSocketTestClient.refusal(ws("not-a-jwt"), Map.of()).statusCode()).isEqualTo(401);
		}

	}

	@Test
	void refusesAPageFromAnOriginThatIsNotAllowed() throws Exception {
		String token = get("/dev/tokens/contractor").body();

		assertThat(WebSocketTestClient.refusal(ws(token), Map.of("Origin", "https://evil.example")).statusCode())
			.isEqualTo(403);
	}

	@Test
	void refusesAForeignOriginEvenWhenTheHostHeaderNamesItToo() throws Exception {
		String token = get("/dev/tokens/contractor").body();

		assertThat(rawHandshake(token, "evil.example", "http://evil.example")).startsWith("HTTP/1.1 403");
	}

	@Test
	void refusesAnOriginWithAMalformedPortWith403() throws Exception {
		String token = get("/dev/tokens/contractor").body();

		assertThat(rawHandshake(token, "127.0.0.1:" + port, "http://127.0.0.1:" + port + ".evil.example"))
			.startsWith("HTTP/1.1 403");
	}

	@Test
	void admitsThePagesOfAnAllowedOrigin() throws Exception {
		String token = get("/dev/tokens/contractor").body();

		assertThat(rawHandshake(token, "127.0.0.1:" + port, "https://dashboard.example")).startsWith("HTTP/1.1 101");
	}

	@Test
	void answersABinaryFrameWithAnErrorFrameAndStaysOpen() throws Exception {
		String token = get("/dev/tokens/contractor?sub=C-9").body();

		try (var client = WebSocketTestClient.connect(ws(token), Map.of())) {
			client.nextFrame();
			client.sendBinary(new byte[] { 1, 2, 3 });

			JsonNode error = client.next("error", Duration.ofSeconds(10));
			assertThat(error.get("code").asString()).isEqualTo("bad-request");
			assertThat(client.isClosed()).isFalse();
		}
	}

	@Test
	void closesConnectionsOfOneSubscriberBeyondTheLimitWith4429() throws Exception {
		String token = get("/dev/tokens/contractor?sub=C-limit").body();
		var open = new java.util.ArrayList<WebSocketTestClient>();
		try {
			for (int i = 0; i < 3; i++) {
				var client = WebSocketTestClient.connect(ws(token), Map.of());
				assertThat(client.nextFrame().get("type").asString()).isEqualTo("welcome");
				open.add(client);
			}
			try (var oneTooMany = WebSocketTestClient.connect(ws(token), Map.of())) {
				assertThat(oneTooMany.nextFrame().get("code").asString()).isEqualTo("too-many");
				assertThat(oneTooMany.closed().code()).isEqualTo(4429);
			}
		}
		finally {
			open.forEach(WebSocketTestClient::close);
		}
	}

	@Test
	void isReadyWithoutKafkaWhenConsumingIsDisabled() throws Exception {
		assertThat(get("/readyz").statusCode()).isEqualTo(200);
	}

	@Test
	void servesTheDashboardItsConfigAndTheDemoUsersWithoutAToken() throws Exception {
		assertThat(get("/").body()).contains("id=\"connection-state\"");
		assertThat(tree(get("/config.json").body())).isEqualTo(tree("""
				{"assignmentServiceUrl": "http://127.0.0.1:8080"}
				"""));
		assertThat(tree(get("/dev/demo-users").body()).findValuesAsString("subject")).containsExactly("D-1", "D-2",
				"C-7", "C-8", "C-9");
	}

	@Test
	void exposesPrometheusMetrics() throws Exception {
		assertThat(management("/actuator/prometheus").body()).contains("push_sessions")
			.contains("push_sessions_cut_off")
			.contains("push_messages_delivered")
			.contains("push_catchups");
	}

	private URI ws(String token) {
		return URI.create("ws://127.0.0.1:" + port + "/ws" + ((token != null) ? "?access_token=" + token : ""));
	}

	private URI ws(String token, String query) {
		return URI.create(ws(token) + "&" + query);
	}

	private HttpResponse<String> management(String path) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A WebSocket handshake written by hand, since the JDK's client will not send a
	 * {@code Host} header of the caller's choosing; returns the response's status line.
	 */
	private String rawHandshake(String token, String host, String origin) throws Exception {
		try (var socket = new java.net.Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			String request = "GET /ws?access_token=" + token + " HTTP/1.1\r\nHost: " + host
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: " + origin + "\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			var reader = new java.io.BufferedReader(
					new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
			return reader.readLine();
		}
	}

	private JsonNode tree(String text) {
		return json.readTree(text);
	}

}
