package com.fieldservice.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The {@code /error} endpoint as problem details instead of Spring Boot's error JSON or
 * page: what the servlet container forwards there (a request the application did not
 * reach, an exception no handler turned into a response). Never a stack trace or an
 * exception's message for a server error.
 */
@Controller
public class ProblemDetailsErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpStatus status = status(request);
		ProblemDetails.write(response, status, detail(request, status));
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String detail(HttpServletRequest request, HttpStatus status) {
		if (status.is5xxServerError()) {
			return "The request could not be processed";
		}
		Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
		return (message instanceof String text && !text.isBlank()) ? text : status.getReasonPhrase();
	}

}
