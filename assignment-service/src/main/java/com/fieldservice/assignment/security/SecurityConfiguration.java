package com.fieldservice.assignment.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.fieldservice.web.DevSecretGuard;
import com.fieldservice.web.ProblemDetailsSecurity;
import com.fieldservice.web.TokenRules;

/**
 * Who may call what, with the same JWT scheme as push-service. Each endpoint names the
 * roles that may call it; what a caller of that role may see or change (the jobs of its
 * dispatch groups, a contractor's own assignments) is checked where the data is read.
 * Refusals are problem details. HS256 with {@code JWT_SECRET} in development, an issuer's
 * keys in production.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityConfiguration.TokenProperties.class)
class SecurityConfiguration implements WebMvcConfigurer {

	static final String DISPATCHER = "ROLE_dispatcher";

	static final String CONTRACTOR = "ROLE_contractor";

	static final String ADMIN = "ROLE_admin";

	/**
	 * @param jwtSecret HS256 secret (at least 32 bytes); unset when an issuer's keys
	 * verify tokens
	 * @param issuer the {@code iss} every token must carry
	 * @param dashboardOrigins origins of the dispatcher dashboard's pages, which read
	 * EventLog entries from the browser
	 */
	@ConfigurationProperties("assignments.security")
	record TokenProperties(String jwtSecret, String issuer, List<String> dashboardOrigins) {
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<JwtDecoder> decoders,
			TokenProperties properties) {
		JwtDecoder decoder = decoders.getIfAvailable(() -> {
			throw new IllegalStateException("No token verification configured: set JWT_SECRET, or "
					+ "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri)");
		});
		// The actuator is served only on the management port, which listens on loopback
		// (or a container's network) and which Prometheus scrapes without a token; on the
		// API's port the path does not exist.
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/livez", "/readyz", "/error", "/actuator/**")
			.permitAll()
			// The API's contract, for whoever builds a client.
			.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/api/jobs/*/assignments", "/api/assignments/*/cancel")
			.hasAuthority(DISPATCHER)
			.requestMatchers(HttpMethod.POST, "/api/jobs", "/api/contractors", "/api/dispatch-groups")
			.hasAuthority(ADMIN)
			.requestMatchers(HttpMethod.GET, "/api/dispatch-groups")
			.hasAnyAuthority(DISPATCHER, ADMIN)
			.requestMatchers(HttpMethod.GET, "/api/**")
			.hasAnyAuthority(DISPATCHER, CONTRACTOR, ADMIN)
			.anyRequest()
			.denyAll());
		http.oauth2ResourceServer(
				(server) -> server.authenticationEntryPoint(ProblemDetailsSecurity.authenticationEntryPoint())
					.accessDeniedHandler(ProblemDetailsSecurity.accessDeniedHandler())
					.jwt((jwt) -> jwt.decoder(new VerifiedTokens(decoder, Clock.systemUTC()))
						.jwtAuthenticationConverter(roleConverter())));
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(ProblemDetailsSecurity.authenticationEntryPoint())
					.accessDeniedHandler(ProblemDetailsSecurity.accessDeniedHandler()));
		// Bearer tokens in the Authorization header, not cookies or URLs: no session to
		// keep, no cross-site request to forge, no token in a browser's history or a log.
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf(AbstractHttpConfigurer::disable);
		http.cors((cors) -> cors.configurationSource(dashboardReads(properties.dashboardOrigins())));
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
	JwtDecoder jwtDecoder(TokenProperties properties, OAuth2TokenValidator<Jwt> tokenRules) {
		byte[] secret = Objects.requireNonNull(properties.jwtSecret()).getBytes(StandardCharsets.UTF_8);
		if (secret.length < 32) {
			throw new IllegalArgumentException("JWT_SECRET must have at least 32 bytes for HS256");
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setClaimSetConverter(TokenRules.claimSetConverter());
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(properties.issuer())), tokenRules));
		return decoder;
	}

	/**
	 * What every token must carry, whoever issued it: an expiry (a token without one
	 * would never expire) and a subject that can name a caller (it becomes
	 * {@code assignedBy}). As a bean, Spring Boot adds it to the decoder it configures
	 * for an issuer too.
	 */
	@Bean
	OAuth2TokenValidator<Jwt> tokenRules() {
		return TokenRules.validator();
	}

	/** Refuses the public development secret outside the dev profile. */
	@Bean
	DevSecretGuard devSecretGuard(Environment environment) {
		return new DevSecretGuard(environment, List.of("assignments.security.jwt-secret"));
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CallerArgumentResolver());
	}

	/**
	 * The dashboard, served by push-service from another origin, GETs EventLog entries
	 * with the token in an Authorization header; nothing else is allowed cross-origin.
	 */
	private static CorsConfigurationSource dashboardReads(List<String> origins) {
		var cors = new CorsConfiguration();
		cors.setAllowedOrigins((origins != null) ? origins : List.of());
		cors.setAllowedMethods(List.of("GET"));
		cors.setAllowedHeaders(List.of("Authorization", "Accept"));
		cors.setMaxAge(3600L);
		var source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/events/**", cors);
		return source;
	}

	/** The {@code role} claim becomes the authority {@code ROLE_<role>}. */
	private static JwtAuthenticationConverter roleConverter() {
		var converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter((jwt) -> {
			String role = jwt.getClaimAsString(TokenClaims.ROLE);
			return (role == null) ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + role));
		});
		return converter;
	}

}
