package com.fieldservice.push.realtime;

import static com.fieldservice.push.realtime.JobAssignedBuilder.aJobAssigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.ActiveProfiles;

import com.fieldservice.push.security.Role;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The WebSocket endpoint on a real server (dev profile, Kafka off), driven by the JDK's WebSocket client. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "push.kafka.enabled=false")
@ActiveProfiles("dev")
class NotificationEndpointTests {

	private static final String DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private NotificationDispatcher dispatcher;

	@Autowired
	private Connections connections;

	@Test
	void aDispatcherWithAValidTokenIsWelcomedWithItsGroups() throws Exception {
		String token = get("/dev/tokens/dispatcher?sub=D-1&groups=north,emergency").body();

		try (var client = TestWebSocketClient.connect(ws(token), Map.of())) {
			assertThat(tree(client.nextFrame())).isEqualTo(tree("""
					{"type": "welcome", "role": "dispatcher", "subject": "D-1", "groups": ["north", "emergency"]}
					"""));
		}
	}

	@Test
	void aContractorIsWelcomedWithoutGroups() throws Exception {
		String token = get("/dev/tokens/contractor?sub=C-8").body();

		try (var client = TestWebSocketClient.connect(ws(token), Map.of())) {
			assertThat(tree(client.nextFrame())).isEqualTo(tree("""
					{"type": "welcome", "role": "contractor", "subject": "C-8", "groups": []}
					"""));
		}
	}

	@Test
	void acceptsTheTokenInAnAuthorizationHeader() throws Exception {
		String token = get("/dev/tokens/contractor").body();

		try (var client = TestWebSocketClient.connect(ws(null), Map.of("Authorization", "Bearer " + token))) {
			assertThat(tree(client.nextFrame()).get("subject").asString()).isEqualTo("C-7");
		}
	}

	@Test
	void aConnectedDispatcherReceivesRecordsOfItsGroupsAsJobAssignedFrames() throws Exception {
		String token = get("/dev/tokens/dispatcher?sub=D-2&groups=south").body();

		try (var client = TestWebSocketClient.connect(ws(token), Map.of())) {
			client.nextFrame();
			await().atMost(Duration.ofSeconds(5)).until(() -> connections.count(Role.DISPATCHER) > 0);
			var event = aJobAssigned().inGroups("south").build();
			dispatcher.dispatch(Notification.of(Audience.dispatchGroup("south"), 2, 17, event));

			JsonNode frame = tree(client.nextFrame());
			assertThat(frame.get("type").asString()).isEqualTo("jobAssigned");
			assertThat(frame.get("position").asString()).isEqualTo("2:17");
			assertThat(frame.at("/event/scheduledTimeSlot/start").asString()).isEqualTo("2030-01-07T09:00:00Z");
			assertThat(frame.at("/event/occurredAt").asString()).isEqualTo("2030-01-06T15:04:05.123Z");
			assertThat(frame.at("/event/job/serviceAddress").has("region")).isTrue();
		}
	}

	@Nested
	class RefusesTheHandshakeWith401 {

		@Test
		void withoutAToken() throws Exception {
			assertThat(TestWebSocketClient.refusalStatus(ws(null), Map.of())).isEqualTo(401);
		}

		@Test
		void withAForgedToken() throws Exception {
			String forged = sign("forged-secret-0123456789abcdef-0123456789", Instant.now().plusSeconds(300));

			assertThat(TestWebSocketClient.refusalStatus(ws(forged), Map.of())).isEqualTo(401);
		}

		@Test
		void withAnExpiredToken() throws Exception {
			String expired = sign(DEV_SECRET, Instant.now().minus(Duration.ofHours(1)));

			assertThat(TestWebSocketClient.refusalStatus(ws(expired), Map.of())).isEqualTo(401);
		}

		@Test
		void withGarbage() throws Exception {
			assertThat(TestWebSocketClient.refusalStatus(ws("not-a-jwt"), Map.of())).isEqualTo(401);
		}

	}

	@Test
	void refusesAPageFromAnOriginThatIsNotAllowed() throws Exception {
		String token = get("/dev/tokens/contractor").body();

		assertThat(TestWebSocketClient.refusalStatus(ws(token), Map.of("Origin", "https://evil.example"))).isEqualTo(403);
	}

	@Test
	void isReadyWithoutKafkaWhenConsumingIsDisabled() throws Exception {
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
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
		assertThat(get("/actuator/prometheus").body()).contains("push_sessions").contains("push_sessions_cut_off");
	}

	private URI ws(String token) {
		return URI.create("ws://127.0.0.1:" + port + "/ws" + ((token != null) ? "?access_token=" + token : ""));
	}

	private HttpResponse<String> get(String path) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode tree(String text) {
		return json.readTree(text);
	}

	private static String sign(String secret, Instant expiresAt) {
		var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		var claims = JwtClaimsSet.builder()
			.issuer("job-assigned-notifications")
			.subject("D-1")
			.issuedAt(expiresAt.minus(Duration.ofHours(1)))
			.expiresAt(expiresAt)
			.claim("role", "dispatcher")
			.claim("groups", List.of("north"))
			.build();
		var encoder = NimbusJwtEncoder.withSecretKey(key).algorithm(MacAlgorithm.HS256).build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

}
