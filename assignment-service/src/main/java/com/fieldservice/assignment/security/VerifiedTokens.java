package com.fieldservice.assignment.security;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that remembers the tokens it verified. A dispatcher sends many
 * requests with one token, and parsing it and checking its signature again each time was
 * about a tenth of a POST's CPU. A remembered token is only as good as its time: its
 * expiry and not-before are checked again on every use, with the verifying decoder's
 * allowance for clock skew (60 s). Everything else a decoder checks (signature, issuer,
 * the claims' rules) depends on the token's text alone, which is the key. Tokens that
 * fail are not remembered.
 */
final class VerifiedTokens implements JwtDecoder {

	/** Enough for every caller of a busy instance; a few MB of memory at most. */
	static final int MAX_TOKENS = 10_000;

	private final JwtDecoder verifier;

	private final JwtTimestampValidator stillValid = new JwtTimestampValidator();

	private final Cache<String, Jwt> verified = Caffeine.newBuilder()
		.maximumSize(MAX_TOKENS)
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	VerifiedTokens(JwtDecoder verifier, Clock clock) {
		this.verifier = verifier;
		this.stillValid.setClock(clock);
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = verified.getIfPresent(token);
		if (known == null) {
			Jwt jwt = verifier.decode(token);
			verified.put(token, jwt);
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

}
