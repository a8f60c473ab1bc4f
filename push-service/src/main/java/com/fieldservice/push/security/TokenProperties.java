package com.fieldservice.push.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are verified (and, in the dev profile, issued).
 *
 * @param jwtSecret HS256 secret of at least 32 bytes; when blank, Spring Boot's resource
 * server settings ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 * {@code jwk-set-uri}) verify tokens instead
 * @param issuer the required {@code iss} of secret-signed tokens
 * @param devTokenValidity lifetime of tokens from the dev token endpoint
 */
@ConfigurationProperties("push.security")
record TokenProperties(String jwtSecret, String issuer, Duration devTokenValidity) {
}
