package com.fieldservice.benchmarks;

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

/** Tokens signed with the development secret the benchmark stack runs with. */
final class BenchmarkTokens {

	private BenchmarkTokens() {
	}

	static String dispatcher(List<String> groups) {
		return sign("D-bench", "dispatcher", groups);
	}

	private static String sign(String subject, String role, List<String> groups) {
		try {
			var claims = new JWTClaimsSet.Builder().subject(subject)
				.issuer("job-assigned-notifications")
				.claim("role", role)
				.claim("groups", groups)
				.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
				.build();
			var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(StackSettings.DEV_JWT_SECRET));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
