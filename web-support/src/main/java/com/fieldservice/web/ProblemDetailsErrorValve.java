package com.fieldservice.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report for requests it refuses before any servlet sees them (a malformed
 * URL, an illegal character in the path): a problem detail instead of an HTML page with
 * the server's version.
 */
public class ProblemDetailsErrorValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int code = response.getStatus();
		if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(code);
		if (status == null) {
			status = (code >= 500) ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
		}
		String detail = status.is5xxServerError() ? "The request could not be processed"
				: "The request was refused before it reached the service: " + status.getReasonPhrase();
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getReporter().write(ProblemDetails.json(ProblemDetails.of(status, detail)));
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone, or the response cannot take a body: the status stands.
		}
	}

}
