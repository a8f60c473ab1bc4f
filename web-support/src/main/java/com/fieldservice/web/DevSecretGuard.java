package com.fieldservice.web;

import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;

/**
 * Refuses to start outside the {@code dev} profile with the development token secret: it
 * is public (in this repository), so anyone could sign a token of any role and group.
 * Production configures its own {@code JWT_SECRET} or, better, an issuer whose keys
 * verify tokens.
 */
public final class DevSecretGuard implements InitializingBean {

	/** The secret the local stack and the dev profile sign demo tokens with. */
	public static final String DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef";

	private final Environment environment;

	private final List<String> secretProperties;

	public DevSecretGuard(Environment environment, List<String> secretProperties) {
		this.environment = environment;
		this.secretProperties = secretProperties;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.environment.matchesProfiles("dev")) {
			return;
		}
		for (String property : this.secretProperties) {
			if (DEV_SECRET.equals(this.environment.getProperty(property))) {
				throw new IllegalStateException(property + " is the public development secret, and the dev profile is "
						+ "not active: set JWT_SECRET to a secret of your own (32 bytes or more), or configure an "
						+ "issuer (spring.security.oauth2.resourceserver.jwt.issuer-uri or jwk-set-uri).");
			}
		}
	}

}
