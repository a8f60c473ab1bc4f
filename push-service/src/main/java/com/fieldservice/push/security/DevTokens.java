package com.fieldservice.push.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Signs tokens for demo identities, so the local stack and its tests can log in without
 * an identity provider.
 */
final class DevTokens {

	private final JwtEncoder encoder;

	private final TokenProperties properties;

	private final Clock clock;

	DevTokens(TokenProperties properties, Clock clock) {
		this.encoder = HmacTokens.encoder(properties.jwtSecret());
		this.properties = properties;
		this.clock = clock;
	}

	String issue(Subscriber subscriber) {
		Instant now = clock.instant();
		var claims = JwtClaimsSet.builder()
			.issuer(properties.issuer())
			.subject(subscriber.subject())
			.issuedAt(now)
			.expiresAt(now.plus(properties.devTokenValidity()))
			.claim(TokenClaims.ROLE, subscriber.role().wireName());
		if (subscriber.role() == Role.DISPATCHER) {
			claims.claim(TokenClaims.GROUPS, List.copyOf(subscriber.groups()));
		}
		return HmacTokens.sign(encoder, claims.build());
	}

}
