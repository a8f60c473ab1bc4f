package com.fieldservice.assignment.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that remembers the tokens it verified for a few minutes. A
 * dispatcher sends many requests with one token, and parsing it and checking its
 * signature again each time was about a tenth of a POST's CPU. The key is the token's
 * whole text, and what a decoder checks of that text (signature, issuer, the claims'
 * rules) comes out the same every time, but for two things: time, so expiry and
 * not-before are checked again on every use, with Spring Security's default allowance for
 * clock skew (60 s) as the verifying decoder's validators have it; and the signing keys,
 * which an issuer may withdraw, so a token is verified again after
 * {@link #REVERIFY_AFTER} (Spring Security's own cache of an issuer's keys keeps them
 * that long too). Tokens bound to a client certificate ({@code cnf}), whose check depends
 * on the request, and tokens that fail are not remembered.
 */
final class VerifiedTokens implements JwtDecoder {

	static final Duration REVERIFY_AFTER = Duration.ofMinutes(5);

	/** Spring Security's default, which the verifying decoder's validators use too. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	/**
	 * What the remembered tokens may take, estimated from their length: a parsed token
	 * costs a few times its text.
	 */
	static final long MAX_BYTES = 32L * 1024 * 1024;

	private final JwtDecoder verifier;

	private final Clock clock;

	private final JwtTimestampValidator stillValid = new JwtTimestampValidator(CLOCK_SKEW);

	private final Cache<String, Jwt> verified;

	VerifiedTokens(JwtDecoder verifier, Clock clock) {
		this.verifier = verifier;
		this.clock = clock;
		this.stillValid.setClock(clock);
		this.verified = Caffeine.newBuilder()
			.maximumWeight(MAX_BYTES)
			.weigher((String token, Jwt jwt) -> 1024 + 4 * token.length())
			.expireAfter(Expiry.<String, Jwt>writing((token, jwt) -> keepFor(jwt)))
			.ticker(() -> clock.millis() * 1_000_000)
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = verified.getIfPresent(token);
		if (known == null) {
			Jwt jwt = verifier.decode(token);
			if (!jwt.hasClaim("cnf")) {
				verified.put(token, jwt);
			}
			return jwt;
		}
		OAuth2TokenValidatorResult result = stillValid.validate(known);
		if (result.hasErrors()) {
			verified.invalidate(token);
			throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
					+ result.getErrors().iterator().next().getDescription(), result.getErrors());
		}
		return known;
	}

	/** Until it is re-verified, or until shortly after it expired, whichever is first. */
	private Duration keepFor(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return REVERIFY_AFTER;
		}
		Duration untilRefused = Duration.between(clock.instant(), expiresAt).plus(CLOCK_SKEW);
		if (untilRefused.isNegative()) {
			return Duration.ZERO;
		}
		return (untilRefused.compareTo(REVERIFY_AFTER) < 0) ? untilRefused : REVERIFY_AFTER;
	}

}
