package com.fieldservice.push.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class HmacTokensTests {

	static final String SECRET = "test-secret-0123456789abcdef-0123456789";

	static final String ISSUER = "job-assigned-notifications";

	private final JwtDecoder decoder = HmacTokens.decoder(SECRET, ISSUER);

	@Test
	void acceptsATokenSignedWithTheSecretByTheIssuer() {
		var jwt = decoder.decode(sign(SECRET, aToken()));

		assertThat(jwt.getSubject()).isEqualTo("D-1");
		assertThat(jwt.getClaimAsStringList("groups")).containsExactly("north", "emergency");
	}

	@Test
	void acceptsWhatTheDevTokenEndpointIssues() {
		var properties = new TokenProperties(SECRET, ISSUER, Duration.ofHours(12));
		var token = new DevTokens(properties, java.time.Clock.systemUTC()).issue(Subscriber.contractor("C-7"));

		var jwt = decoder.decode(token);

		assertThat(jwt.getSubject()).isEqualTo("C-7");
		assertThat(jwt.getClaimAsString("role")).isEqualTo("contractor");
		assertThat(jwt.getExpiresAt()).isAfter(Instant.now().plus(Duration.ofHours(11)));
	}

	@Nested
	class Refuses {

		@Test
		void anExpiredToken() {
			var expired = aToken().issuedAt(Instant.now().minus(Duration.ofHours(2)))
				.expiresAt(Instant.now().minus(Duration.ofHours(1)));

			assertRefused(sign(SECRET, expired));
		}

		@Test
		void aTokenSignedWithAnotherSecret() {
			assertRefused(sign("forged-secret-0123456789abcdef-0123456789", aToken()));
		}

		@Test
		void aTokenFromAnotherIssuer() {
			assertRefused(sign(SECRET, aToken().issuer("someone-else")));
		}

		@Test
		void aTokenThatNeverExpires() {
			var noExpiry = JwtClaimsSet.builder().issuer(ISSUER).subject("D-1").claim("role", "dispatcher");

			assertRefused(sign(SECRET, noExpiry));
		}

		@Test
		void aTamperedToken() {
			String[] parts = sign(SECRET, aToken()).split("\\.");
			String otherPayload = sign(SECRET, aToken().subject("D-2")).split("\\.")[1];

			assertRefused(parts[0] + "." + otherPayload + "." + parts[2]);
		}

		@Test
		void aSecretShorterThan32Bytes() {
			assertThatIllegalArgumentException().isThrownBy(() -> HmacTokens.decoder("too-short", ISSUER))
				.withMessageContaining("32 bytes");
		}

		private void assertRefused(String token) {
			assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
		}

	}

	static JwtClaimsSet.Builder aToken() {
		Instant now = Instant.now();
		return JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject("D-1")
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(5)))
			.claim("role", "dispatcher")
			.claim("groups", List.of("north", "emergency"));
	}

	static String sign(String secret, JwtClaimsSet.Builder claims) {
		return HmacTokens.sign(HmacTokens.encoder(secret), claims.build());
	}

}
