package com.fieldservice.push.security;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.fieldservice.web.TokenRules;

/**
 * HS256 tokens signed with a shared secret: the decoder that verifies them and the
 * encoder that signs them.
 */
final class HmacTokens {

	/**
	 * HS256 needs a key as long as its hash: shorter secrets are refused at startup, not
	 * at the first login.
	 */
	static final int MIN_SECRET_BYTES = 32;

	private HmacTokens() {
	}

	/**
	 * Accepts only tokens signed with {@code secret}, issued by {@code issuer}, with an
	 * expiry not yet passed.
	 */
	static JwtDecoder decoder(String secret, String issuer) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key(secret)).macAlgorithm(MacAlgorithm.HS256).build();
		decoder.setClaimSetConverter(TokenRules.claimSetConverter());
		// The default timestamp check lets a token without exp through: TokenRules
		// requires one, as they require a valid sub and groups.
		decoder.setJwtValidator(
				JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuer), TokenRules.validator()));
		return decoder;
	}

	static JwtEncoder encoder(String secret) {
		return NimbusJwtEncoder.withSecretKey(key(secret)).algorithm(MacAlgorithm.HS256).build();
	}

	static String sign(JwtEncoder encoder, JwtClaimsSet claims) {
		var header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
		return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	private static SecretKey key(String secret) {
		byte[] bytes = Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException(
					"The JWT secret (JWT_SECRET) must have at least " + MIN_SECRET_BYTES + " bytes for HS256");
		}
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

}
