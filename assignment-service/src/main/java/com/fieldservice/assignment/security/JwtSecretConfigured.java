package com.fieldservice.assignment.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * True when a JWT secret is configured, so HS256 verification applies instead of an
 * issuer's keys.
 */
class JwtSecretConfigured implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return StringUtils.hasText(context.getEnvironment().getProperty("assignments.security.jwt-secret"));
	}

}
