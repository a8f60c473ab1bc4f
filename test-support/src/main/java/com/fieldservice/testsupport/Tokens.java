package com.fieldservice.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fieldservice.stack.StackSettings;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs the JWTs clients present, as the development issuer does: HS256 with the secret
 * the local stack runs with, claims {@code sub}, {@code role}, {@code groups},
 * {@code iss} and {@code exp}.
 */
public final class Tokens {

	public static final String ISSUER = "job-assigned-notifications";

	public static final String SECRET = StackSettings.DEV_JWT_SECRET;

	private Tokens() {
	}

	public static String dispatcher(String subject, List<String> groups) {
		return sign(claims(subject, "dispatcher").claim("groups", groups));
	}

	public static String contractor(String contractorId) {
		return sign(claims(contractorId, "contractor").claim("groups", List.of()));
	}

	public static String admin(String subject) {
		return sign(claims(subject, "admin").claim("groups", List.of()));
	}

	/** A token of {@code role}, validly signed, that expired an hour ago. */
	public static String expired(String subject, String role) {
		return sign(claims(subject, role).claim("groups", List.of())
			.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));
	}

	/** A token signed with another secret than the services know. */
	public static String signedWith(String secret, String subject, String role) {
		return sign(claims(subject, role), secret);
	}

	/**
	 * A token with exactly {@code claims} (no defaults added), signed with the
	 * development secret: for tokens that lack a claim or carry a malformed one.
	 */
	public static String withClaims(Map<String, Object> claims) {
		var builder = new JWTClaimsSet.Builder();
		claims.forEach(builder::claim);
		return sign(builder);
	}

	private static JWTClaimsSet.Builder claims(String subject, String role) {
		return new JWTClaimsSet.Builder().subject(subject)
			.issuer(ISSUER)
			.claim("role", role)
			.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))));
	}

	private static String sign(JWTClaimsSet.Builder claims) {
		return sign(claims, SECRET);
	}

	private static String sign(JWTClaimsSet.Builder claims, String secret) {
		try {
			var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
			jwt.sign(new MACSigner(secret));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
