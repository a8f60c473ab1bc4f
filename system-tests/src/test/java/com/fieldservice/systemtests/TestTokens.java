package com.fieldservice.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.fieldservice.stack.StackSettings;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs the JWTs clients present, with the development secret the test stack runs with.
 */
final class TestTokens {

	static final String ISSUER = "job-assigned-notifications";

	private TestTokens() {
	}

	static String dispatcher(String subject, List<String> groups) {
		return sign(claims(subject, "dispatcher").claim("groups", groups), StackSettings.DEV_JWT_SECRET);
	}

	static String contractor(String contractorId) {
		return sign(claims(contractorId, "contractor").claim("groups", List.of()), StackSettings.DEV_JWT_SECRET);
	}

	static String signedWith(String secret, String subject, String role) {
		return sign(claims(subject, role), secret);
	}

	/** A contractor token, validly signed, that expired an hour ago. */
	static String expiredContractor(String contractorId) {
		return sign(
				claims(contractorId, "contractor").expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))),
				StackSettings.DEV_JWT_SECRET);
	}

	private static JWTClaimsSet.Builder claims(String subject, String role) {
		return new JWTClaimsSet.Builder().subject(subject)
			.issuer(ISSUER)
			.claim("role", role)
			.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
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
