package com.fieldservice.push.security;

/** Names of the claims this system puts in its tokens besides the registered ones ({@code sub}, {@code iss}, {@code exp}). */
final class TokenClaims {

	/** {@code dispatcher} or {@code contractor}. */
	static final String ROLE = "role";

	/** JSON array of the dispatch group ids a dispatcher covers. */
	static final String GROUPS = "groups";

	private TokenClaims() {
	}

}
