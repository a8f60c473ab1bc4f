package com.fieldservice.push.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a JWT secret is configured. {@code @ConditionalOnProperty} would not do:
 * it also matches the empty value that application.yml defaults JWT_SECRET to outside the
 * dev profile.
 */
class JwtSecretConfigured implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return StringUtils.hasText(context.getEnvironment().getProperty("push.security.jwt-secret"));
	}

}
