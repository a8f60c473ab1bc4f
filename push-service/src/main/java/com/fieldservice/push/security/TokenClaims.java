package com.fieldservice.push.security;

/**
 * Names of this system's own token claims, besides the registered {@code sub},
 * {@code iss} and {@code exp}.
 */
final class TokenClaims {

	/**
	 * {@code dispatcher} or {@code contractor}; also {@code admin}, which
	 * assignment-service knows and this service refuses (an admin has no notification
	 * stream).
	 */
	static final String ROLE = "role";

	static final String ADMIN_ROLE = "admin";

	/** JSON array of the dispatch group ids a dispatcher covers. */
	static final String GROUPS = "groups";

	private TokenClaims() {
	}

}
