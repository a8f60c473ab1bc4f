package com.fieldservice.web;

import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * What a token's claims must look like in every service, whoever signed it. Its
 * {@code sub}: 1 to 64 characters, no control characters, no surrounding whitespace (it
 * names the caller in events and logs; a contractor's subject is its contractorId). Its
 * {@code groups}, when present: a JSON array of such ids, never a single string.
 */
public final class TokenRules {

	/** The claim of a dispatcher's groups. */
	public static final String GROUPS = "groups";

	public static final int MAX_SUBJECT_LENGTH = 64;

	private TokenRules() {
	}

	public static boolean isSubject(String subject) {
		return subject != null && !subject.isEmpty() && subject.length() <= MAX_SUBJECT_LENGTH
				&& subject.strip().equals(subject) && subject.chars().noneMatch(Character::isISOControl);
	}

	/**
	 * Checks a verified token against these rules: a validator every decoder of the
	 * service applies, whoever issued the token.
	 */
	public static OAuth2TokenValidator<Jwt> validator() {
		return (token) -> {
			if (!isSubject(token.getSubject())) {
				return failure("The token's sub is missing or not a valid id");
			}
			if (token.getExpiresAt() == null) {
				return failure("The token has no exp: it would never expire");
			}
			if (!isGroupList(token.getClaim(GROUPS))) {
				return failure("The token's groups are not a list of ids");
			}
			return OAuth2TokenValidatorResult.success();
		};
	}

	/**
	 * Reads a token's claims as Spring Security's default converter does, except the
	 * issuer, which stays the string it is: this system's issuer is a name, not a URL,
	 * and the default converter's attempt to make it one throws (and catches) an
	 * exception on every request.
	 */
	public static Converter<Map<String, Object>, Map<String, Object>> claimSetConverter() {
		return MappedJwtClaimSetConverter
			.withDefaults(Map.of(JwtClaimNames.ISS, (issuer) -> (issuer != null) ? issuer.toString() : null));
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

	/** Whether a {@code groups} claim is absent or a list of valid ids. */
	public static boolean isGroupList(Object groups) {
		return groups == null || (groups instanceof List<?> list
				&& list.stream().allMatch((group) -> group instanceof String id && isSubject(id)));
	}

}
