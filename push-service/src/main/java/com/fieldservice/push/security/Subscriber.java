package com.fieldservice.push.security;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.security.oauth2.jwt.Jwt;
import com.fieldservice.web.TokenRules;

/**
 * Who an authenticated client is and what it may see: a dispatcher sees the groups of its
 * token, a contractor (whose subject is the contractorId) sees its own assignments.
 *
 * @param role dispatcher or contractor
 * @param subject the token's {@code sub}: a dispatcher id or a contractorId
 * @param groups the dispatch groups of a dispatcher; empty for a contractor
 */
public record Subscriber(Role role, String subject, List<String> groups) {

	public Subscriber {
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(subject, "subject");
		groups = (role == Role.CONTRACTOR || groups == null) ? List.of()
				: groups.stream().filter(Objects::nonNull).distinct().toList();
	}

	public static Subscriber dispatcher(String subject, List<String> groups) {
		return new Subscriber(Role.DISPATCHER, subject, groups);
	}

	public static Subscriber contractor(String contractorId) {
		return new Subscriber(Role.CONTRACTOR, contractorId, List.of());
	}

	/** The subscriber a request was authenticated as, if it presented a valid token. */
	public static Optional<Subscriber> of(Principal principal) {
		return (principal instanceof SubscriberAuthentication authentication) ? Optional.of(authentication.subscriber())
				: Optional.empty();
	}

	/**
	 * When the token a request was authenticated with expires; empty for a token without
	 * expiry or no token.
	 */
	public static Optional<Instant> tokenExpiry(Principal principal) {
		return (principal instanceof SubscriberAuthentication authentication)
				? Optional.ofNullable(authentication.token().getExpiresAt()) : Optional.empty();
	}

	/**
	 * Reads the subscriber from a verified token.
	 * @throws IllegalArgumentException when the token has no subject or no known role
	 */
	static Subscriber fromToken(Jwt token) {
		String subject = token.getSubject();
		if (!TokenRules.isSubject(subject)) {
			throw new IllegalArgumentException("The token's subject is missing or not a valid id");
		}
		Role role = Role.fromWireName(token.getClaimAsString(TokenClaims.ROLE))
			.orElseThrow(() -> new IllegalArgumentException("The token's role is neither dispatcher nor contractor"));
		return new Subscriber(role, subject, groups(token));
	}

	private static List<String> groups(Jwt token) {
		Object groups = token.getClaim(TokenClaims.GROUPS);
		if (!TokenRules.isGroupList(groups)) {
			throw new IllegalArgumentException("The token's groups are not a list of group ids");
		}
		return (groups == null) ? List.of() : token.getClaimAsStringList(TokenClaims.GROUPS);
	}

}
