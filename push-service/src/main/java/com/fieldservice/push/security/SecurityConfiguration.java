package com.fieldservice.push.security;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

import com.fieldservice.web.DevSecretGuard;
import com.fieldservice.web.TokenRules;
import com.fieldservice.web.ProblemDetailsSecurity;

/**
 * Who may call what: the WebSocket endpoint needs a valid token; the dashboard's files,
 * its config, the health probes and (in the dev profile only) the dev token endpoints are
 * public. The actuator is on the management port (loopback), not this one. Refusals are
 * problem details.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String DEV_PROFILE = "dev";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<JwtDecoder> decoders,
			Environment environment) {
		JwtDecoder decoder = decoders.getIfAvailable(() -> {
			throw new IllegalStateException("No token verification configured: set JWT_SECRET, or "
					+ "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri)");
		});
		boolean dev = environment.matchesProfiles(DEV_PROFILE);
		http.authorizeHttpRequests((requests) -> {
			requests
				.requestMatchers("/", "/index.html", "/app.js", "/job-feed-client.js", "/style.css", "/favicon.ico",
						"/config.json")
				.permitAll();
			// The AsyncAPI document and the Avro schemas it refers to: public contracts.
			requests.requestMatchers("/docs/asyncapi.yaml", "/schemas/src/main/avro/*.avsc").permitAll();
			requests.requestMatchers("/livez", "/readyz", "/error").permitAll();
			// Served only on the management port, which listens on loopback (or a
			// container's network) and which Prometheus scrapes without a token.
			requests.requestMatchers("/actuator/**").permitAll();
			if (dev) {
				requests.requestMatchers("/dev/**").permitAll();
			}
			requests.anyRequest().authenticated();
		});
		http.oauth2ResourceServer((server) -> server.bearerTokenResolver(tokenResolver())
			.authenticationEntryPoint(ProblemDetailsSecurity.authenticationEntryPoint())
			.accessDeniedHandler(ProblemDetailsSecurity.accessDeniedHandler())
			.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(new SubscriberAuthenticationConverter())));
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(ProblemDetailsSecurity.authenticationEntryPoint())
					.accessDeniedHandler(ProblemDetailsSecurity.accessDeniedHandler()));
		// Tokens, not cookies, authenticate every request: no session to keep and no
		// cross-site request to forge.
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf(AbstractHttpConfigurer::disable);
		http.requestCache(AbstractHttpConfigurer::disable);
		return http.build();
	}

	@Bean
	@Conditional(JwtSecretConfigured.class)
	JwtDecoder jwtDecoder(TokenProperties properties) {
		return HmacTokens.decoder(properties.jwtSecret(), properties.issuer());
	}

	/**
	 * What every token must look like, whoever issued it; Spring Boot adds it to the
	 * decoder it configures for an issuer.
	 */
	@Bean
	OAuth2TokenValidator<Jwt> tokenRules() {
		return TokenRules.validator();
	}

	/** Refuses the public development secret outside the dev profile. */
	@Bean
	DevSecretGuard devSecretGuard(Environment environment) {
		return new DevSecretGuard(environment, List.of("push.security.jwt-secret"));
	}

	/**
	 * Browsers cannot set headers on a WebSocket handshake, so the token may come as
	 * {@code ?access_token=} on GET requests; an Authorization: Bearer header works as
	 * well.
	 */
	private static DefaultBearerTokenResolver tokenResolver() {
		var resolver = new DefaultBearerTokenResolver();
		resolver.setAllowUriQueryParameter(true);
		return resolver;
	}

}
