package com.fieldservice.assignment.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what, with the same JWT scheme as push-service: writes need a dispatcher's
 * token, reads any valid token; health and metrics are open. HS256 with
 * {@code JWT_SECRET} in development, an issuer in production.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityConfiguration.TokenProperties.class)
class SecurityConfiguration {

	static final String DISPATCHER = "ROLE_dispatcher";

	/**
	 * @param jwtSecret HS256 secret (at least 32 bytes); unset when an issuer's keys
	 * verify tokens
	 * @param issuer the {@code iss} every token must carry
	 */
	@ConfigurationProperties("assignments.security")
	record TokenProperties(String jwtSecret, String issuer) {
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<JwtDecoder> decoders) {
		JwtDecoder decoder = decoders.getIfAvailable(() -> {
			throw new IllegalStateException("No token verification configured: set JWT_SECRET, or "
					+ "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri)");
		});
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/error")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/**")
			.authenticated()
			.requestMatchers("/api/**")
			.hasAuthority(DISPATCHER)
			.anyRequest()
			.denyAll());
		http.oauth2ResourceServer(server -> server.bearerTokenResolver(tokenResolver())
			.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(roleConverter())));
		// Bearer tokens, not cookies: no session to keep and no cross-site request to
		// forge.
		http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf(AbstractHttpConfigurer::disable);
		// An API without login pages: no logout endpoint, no saved request to replay
		// after a login.
		http.logout(AbstractHttpConfigurer::disable);
		http.requestCache(AbstractHttpConfigurer::disable);
		return http.build();
	}

	/**
	 * Spring Security would wrap every filter of every request in an observation, a large
	 * share of a POST's CPU for spans nobody collects; without this bean it wraps them
	 * even when the observations are disabled. The http.server.requests timer stays.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@Conditional(JwtSecretConfigured.class)
	JwtDecoder jwtDecoder(TokenProperties properties) {
		byte[] secret = Objects.requireNonNull(properties.jwtSecret()).getBytes(StandardCharsets.UTF_8);
		if (secret.length < 32) {
			throw new IllegalArgumentException("JWT_SECRET must have at least 32 bytes for HS256");
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		// Without this, a token lacking exp would pass and never expire.
		var expiryRequired = new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
		decoder.setJwtValidator(
				JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(properties.issuer()), expiryRequired));
		return decoder;
	}

	/** The {@code role} claim becomes the authority {@code ROLE_<role>}. */
	private static JwtAuthenticationConverter roleConverter() {
		var converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(jwt -> {
			String role = jwt.getClaimAsString("role");
			return role == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + role));
		});
		return converter;
	}

	/**
	 * The dashboard links to EventLog entries; a link cannot set headers, so GETs may
	 * carry ?access_token=.
	 */
	private static DefaultBearerTokenResolver tokenResolver() {
		var resolver = new DefaultBearerTokenResolver();
		resolver.setAllowUriQueryParameter(true);
		return resolver;
	}

}
