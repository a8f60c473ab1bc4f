package com.fieldservice.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose Content-Type is not one concrete media type ({@code *}/*,
 * {@code application/*}, garbage) with 415 before anything reads it: Spring MVC would
 * throw deep inside argument resolution and answer 500.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.CONTENT_TYPE);
		if (header != null && !isConcrete(header)) {
			ProblemDetails.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"The Content-Type is not one concrete media type; send application/json");
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean isConcrete(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !type.isWildcardType() && !type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
