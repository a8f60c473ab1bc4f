package com.fieldservice.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem detail where no controller advice can: in filters, the error
 * endpoint and the container's error valve.
 */
public final class ProblemDetails {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemDetails() {
	}

	/** The problem detail of {@code status}, with its reason phrase as title. */
	public static ProblemDetail of(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		return problem;
	}

	/** The JSON body of a problem detail: its type, title, status and detail. */
	public static String json(ProblemDetail problem) {
		var body = new LinkedHashMap<String, Object>();
		body.put("type", (problem.getType() != null) ? problem.getType().toString() : "about:blank");
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		return JSON.writeValueAsString(body);
	}

	/**
	 * Sets the status and writes the problem as the body, unless a body was already sent.
	 */
	public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(json(of(status, detail)));
	}

}
