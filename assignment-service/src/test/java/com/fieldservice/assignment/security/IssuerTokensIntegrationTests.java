package com.fieldservice.assignment.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fieldservice.assignment.support.RealInfrastructure;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * The production configuration: no shared secret, tokens signed by an identity provider
 * whose public keys the service fetches (a JWKS endpoint, served here by the test). Its
 * tokens are accepted under the same rules as development ones; the development secret's
 * tokens are not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
// Only for the database it shares with the other tests, whose demo data Flyway must find;
// the secret of the dev profile is unset below, so the issuer's keys alone verify tokens.
@ActiveProfiles("dev")
class IssuerTokensIntegrationTests {

	static final RSAKey KEY = generate();

	static HttpServer jwks;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) throws IOException {
		jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		byte[] keys = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		jwks.createContext("/jwks", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, keys.length);
			exchange.getResponseBody().write(keys);
			exchange.close();
		});
		jwks.start();
		var stack = RealInfrastructure.get();
		registry.add("spring.datasource.url", () -> stack.postgres().jdbcUrl("assignments"));
		registry.add("spring.kafka.bootstrap-servers", () -> stack.kafka().bootstrapServers());
		registry.add("assignments.schema-registry-url", () -> stack.registry().url());
		registry.add("assignments.security.jwt-secret", () -> "");
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				() -> "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
	}

	@AfterAll
	static void stopJwks() {
		jwks.stop(0);
	}

	@Test
	void acceptsATokenOfTheIssuer() {
		var response = api(signed(Map.of("sub", "A-1", "role", "admin", "exp", inAnHour())))
			.getResponse("/api/dispatch-groups");

		assertThat(response.statusCode()).as(response.body() + response.headers().map()).isEqualTo(200);
	}

	@Test
	void appliesTheSameRulesToTheIssuersTokens() {
		assertThat(api(signed(Map.of("role", "admin", "exp", inAnHour()))).getResponse("/api/dispatch-groups")
			.statusCode()).as("without sub").isEqualTo(401);
		assertThat(api(signed(Map.of("sub", "A-1", "role", "admin"))).getResponse("/api/dispatch-groups").statusCode())
			.as("without exp")
			.isEqualTo(401);
		assertThat(api(signed(Map.of("sub", "D-1", "role", "dispatcher", "groups", "north", "exp", inAnHour())))
			.getResponse("/api/dispatch-groups")
			.statusCode()).as("groups not a list").isEqualTo(401);
	}

	@Test
	void refusesATokenOfTheDevelopmentSecret() {
		assertThat(api(Tokens.admin("A-1")).getResponse("/api/dispatch-groups").statusCode()).isEqualTo(401);
	}

	private AssignmentApi api(String token) {
		return new AssignmentApi("http://127.0.0.1:" + this.port, token);
	}

	private static String signed(Map<String, Object> claims) {
		var builder = new JWTClaimsSet.Builder().issuer("https://id.example");
		claims.forEach((name, value) -> builder.claim(name, (value instanceof Instant instant) ? Date.from(instant)
				: (value instanceof List<?> list) ? List.copyOf(list) : value));
		try {
			var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
					builder.build());
			jwt.sign(new RSASSASigner(KEY));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Instant inAnHour() {
		return Instant.now().plusSeconds(3_600);
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID("test-key").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
