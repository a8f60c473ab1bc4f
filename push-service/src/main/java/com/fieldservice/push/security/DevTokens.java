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
		var claims = claims(subscriber.subject(), subscriber.role().wireName());
		if (subscriber.role() == Role.DISPATCHER) {
			claims.claim(TokenClaims.GROUPS, List.copyOf(subscriber.groups()));
		}
		return HmacTokens.sign(encoder, claims.build());
	}

	/** An admin's token: assignment-service's reference data; no notification stream. */
	String issueAdmin(String subject) {
		return HmacTokens.sign(encoder, claims(subject, TokenClaims.ADMIN_ROLE).build());
	}

	private JwtClaimsSet.Builder claims(String subject, String role) {
		Instant now = clock.instant();
		return JwtClaimsSet.builder()
			.issuer(properties.issuer())
			.subject(subject)
			.issuedAt(now)
			.expiresAt(now.plus(properties.devTokenValidity()))
			.claim(TokenClaims.ROLE, role);
	}

}
