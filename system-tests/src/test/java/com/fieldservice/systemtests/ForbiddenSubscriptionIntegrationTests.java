package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.testsupport.WebSocketTestClient;

import tools.jackson.databind.JsonNode;

/**
 * Every subscription a token does not allow is refused on the real push-service with a
 * clear error: a WebSocket client gets an error frame and a close reason naming what it
 * may not do; a handshake without a valid token is refused with 401 and the reason in
 * WWW-Authenticate.
 */
class ForbiddenSubscriptionIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	static String push;

	@BeforeAll
	static void startStack() {
		push = SystemStack.get().service(LocalStack.PUSH_SERVICE).url();
	}

	@Nested
	class ClosesWithAnErrorFrameAndReason {

		@Test
		void aContractorSubscribingToAnotherContractor() throws Exception {
			assertRefused(Tokens.contractor("C-7"), "subscribe=contractor:C-8",
					"contractor C-7 may not subscribe to contractor:C-8");
		}

		@Test
		void aContractorSubscribingToADispatchGroup() throws Exception {
			assertRefused(Tokens.contractor("C-7"), "subscribe=dispatcher:north",
					"contractor C-7 may not subscribe to dispatcher:north");
		}

		@Test
		void aDispatcherSubscribingToAGroupOutsideItsToken() throws Exception {
			assertRefused(Tokens.dispatcher("D-2", List.of("south")), "subscribe=dispatcher:south,dispatcher:north",
					"dispatcher D-2 may not subscribe to dispatcher:north");
		}

		@Test
		void aDispatcherWithoutGroupsSubscribingToOne() throws Exception {
			assertRefused(Tokens.dispatcher("D-3", List.of()), "subscribe=dispatcher:north",
					"dispatcher D-3 may not subscribe to dispatcher:north");
		}

		@Test
		void aDispatcherSubscribingToAContractor() throws Exception {
			assertRefused(Tokens.dispatcher("D-2", List.of("south")), "subscribe=contractor:C-7",
					"dispatcher D-2 may not subscribe to contractor:C-7");
		}

		private void assertRefused(String token, String query, String message) throws Exception {
			try (var client = WebSocketTestClient.connect(push, token, query)) {
				JsonNode error = client.next("error", WAIT);
				assertThat(error).as("error frame").isNotNull();
				assertThat(error.get("code").asString()).isEqualTo("forbidden");
				assertThat(error.get("message").asString()).isEqualTo(message);
				var closed = client.closed(WAIT);
				assertThat(closed).as("closed by the server").isNotNull();
				assertThat(closed.code()).isEqualTo(1008);
				assertThat(closed.reason()).isEqualTo("forbidden: " + message);
			}
		}

	}

	@Nested
	class RefusesTheHandshakeWith401AndAReason {

		@Test
		void withoutAToken() {
			var refusal = WebSocketTestClient.refusal(push, null);

			assertThat(refusal.statusCode()).isEqualTo(401);
			assertThat(refusal.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((header) -> assertThat(header).startsWith("Bearer"));
		}

		@Test
		void withAnExpiredToken() {
			assertInvalidToken(Tokens.expired("C-7", "contractor"), "expired");
		}

		@Test
		void withAForgedToken() {
			assertInvalidToken(Tokens.signedWith("forged-secret-0123456789abcdef-0123456789", "C-7", "contractor"),
					"Signed JWT rejected");
		}

		private void assertInvalidToken(String token, String description) {
			var refusal = WebSocketTestClient.refusal(push, token);

			assertThat(refusal.statusCode()).isEqualTo(401);
			assertThat(refusal.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
					(header) -> assertThat(header).contains("error=\"invalid_token\"").contains(description));
		}

	}

}
