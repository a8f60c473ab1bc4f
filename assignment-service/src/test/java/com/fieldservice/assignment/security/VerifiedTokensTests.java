package com.fieldservice.assignment.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokensTests {

	private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

	private final MovableClock clock = new MovableClock(NOW);

	private final CountingVerifier verifier = new CountingVerifier();

	private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock);

	@Test
	void verifiesATokenOnceAndRemembersIt() {
		Jwt first = tokens.decode("valid-for-an-hour");
		Jwt again = tokens.decode("valid-for-an-hour");
		assertThat(again).isSameAs(first);
		assertThat(verifier.calls).hasValue(1);
	}

	@Test
	void refusesARememberedTokenOnceItExpired() {
		tokens.decode("valid-for-two-minutes");
		clock.advance(Duration.ofMinutes(2).plusSeconds(61));
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> tokens.decode("valid-for-two-minutes"))
			.withMessageContaining("expired");
	}

	@Test
	void allowsTheVerifiersClockSkewAfterExpiry() {
		tokens.decode("valid-for-two-minutes");
		clock.advance(Duration.ofMinutes(2).plusSeconds(59));
		assertThat(tokens.decode("valid-for-two-minutes").getSubject()).isEqualTo("dispatcher-1");
		assertThat(verifier.calls).hasValue(1);
	}

	@Test
	void refusesARememberedTokenWhoseClockWentBeforeItsNotBefore() {
		tokens.decode("valid-for-an-hour");
		clock.advance(Duration.ofMinutes(-2));
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> tokens.decode("valid-for-an-hour"));
	}

	@Test
	void verifiesARememberedTokenAgainAfterFiveMinutes() {
		tokens.decode("valid-for-an-hour");
		clock.advance(VerifiedTokens.REVERIFY_AFTER.plusSeconds(1));
		tokens.decode("valid-for-an-hour");
		assertThat(verifier.calls).as("the issuer may have withdrawn its key since").hasValue(2);
	}

	@Test
	void neverRemembersATokenBoundToAClientCertificate() {
		tokens.decode("bound-to-a-certificate");
		tokens.decode("bound-to-a-certificate");
		assertThat(verifier.calls).hasValue(2);
	}

	@Test
	void neverRemembersATokenThatFailedVerification() {
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> tokens.decode("forged"));
		}
		assertThat(verifier.calls).hasValue(2);
	}

	@Test
	void keepsTokensApartByTheirWholeText() {
		Jwt one = tokens.decode("valid-for-an-hour");
		Jwt other = tokens.decode("valid-for-an-hour-too");
		assertThat(other).isNotSameAs(one);
		assertThat(verifier.calls).hasValue(2);
	}

	/**
	 * Refuses "forged", and any token once expired (with 60 s of skew); every other text
	 * is a dispatcher's token issued at {@link #NOW}, valid for two minutes or an hour,
	 * bound to a client certificate if it says so.
	 */
	private final class CountingVerifier implements JwtDecoder {

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		public Jwt decode(String token) {
			calls.incrementAndGet();
			if (token.equals("forged")) {
				throw new BadJwtException("Signed JWT rejected: Invalid signature");
			}
			Instant expiresAt = NOW.plus(token.contains("two-minutes") ? Duration.ofMinutes(2) : Duration.ofHours(1));
			if (clock.instant().isAfter(expiresAt.plusSeconds(60))) {
				throw new JwtValidationException("Jwt expired at " + expiresAt,
						List.of(new OAuth2Error("invalid_token", "Jwt expired at " + expiresAt, null)));
			}
			var jwt = Jwt.withTokenValue(token)
				.header("alg", "HS256")
				.subject("dispatcher-1")
				.notBefore(NOW)
				.issuedAt(NOW)
				.expiresAt(expiresAt);
			if (token.contains("certificate")) {
				jwt.claim("cnf", Map.of("x5t#S256", "thumbprint"));
			}
			return jwt.build();
		}

	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
