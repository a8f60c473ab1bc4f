package com.fieldservice.assignment.security;

/** The claims this API reads from a token besides the standard ones. */
final class TokenClaims {

	/** {@code dispatcher}, {@code contractor} or {@code admin}. */
	static final String ROLE = "role";

	/** A dispatcher's dispatch groups: a list of group ids. */
	static final String GROUPS = "groups";

	private TokenClaims() {
	}

}
