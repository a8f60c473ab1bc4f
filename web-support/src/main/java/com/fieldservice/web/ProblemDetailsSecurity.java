package com.fieldservice.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Spring Security's refusals of a bearer token, with a body: the {@code WWW-Authenticate}
 * header as the resource server sets it, plus an RFC 9457 problem detail saying why
 * (never echoing the token).
 */
public final class ProblemDetailsSecurity {

	private ProblemDetailsSecurity() {
	}

	/**
	 * 401 with {@code WWW-Authenticate}, for a missing, malformed, forged or expired
	 * token.
	 */
	public static AuthenticationEntryPoint authenticationEntryPoint() {
		var bearer = new BearerTokenAuthenticationEntryPoint();
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) -> {
			bearer.commence(request, response, failure);
			ProblemDetails.write(response, HttpStatus.UNAUTHORIZED, (failure.getMessage() != null)
					? "A valid bearer token is needed: " + failure.getMessage() : "A valid bearer token is needed");
		};
	}

	/** 403, for a valid token whose role may not do this. */
	public static AccessDeniedHandler accessDeniedHandler() {
		var bearer = new BearerTokenAccessDeniedHandler();
		return (HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) -> {
			bearer.handle(request, response, denied);
			write(response, "The token's role may not do this");
		};
	}

	private static void write(HttpServletResponse response, String detail) throws IOException {
		ProblemDetails.write(response, HttpStatus.FORBIDDEN, detail);
	}

}
