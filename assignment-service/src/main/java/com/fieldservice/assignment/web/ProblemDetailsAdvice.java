package com.fieldservice.assignment.web;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.validation.ConstraintViolationException;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fieldservice.assignment.assignment.AssignmentRejected;
import com.fieldservice.assignment.idempotency.IdempotencyKeyReused;

/**
 * Turns every refusal into an RFC 9457 problem detail with a title and a readable detail.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	/** About what a Postgres restart or fail-over takes. */
	static final int RETRY_AFTER_SECONDS = 2;

	@ExceptionHandler
	ProblemDetail rejected(AssignmentRejected ex) {
		var problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		problem.setTitle(ex.title());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail reused(IdempotencyKeyReused ex) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Idempotency-Key reused");
		return problem;
	}

	/**
	 * A constraint that did not hold on a method of a bean validated through a proxy
	 * ({@code @Validated}). The controllers' parameters are validated by Spring MVC
	 * instead (below); this answers a 400, not a 500, should a request ever reach such a
	 * bean.
	 */
	@ExceptionHandler
	ProblemDetail invalidParameter(ConstraintViolationException ex) {
		String detail = ex.getConstraintViolations()
			.stream()
			.map((violation) -> lastNode(violation.getPropertyPath().toString()) + " " + violation.getMessage())
			.sorted()
			.collect(Collectors.joining("; "));
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request");
		return problem;
	}

	private static String lastNode(String path) {
		return path.substring(path.lastIndexOf('.') + 1);
	}

	/** A Content-Type header that is not a media type at all. */
	@ExceptionHandler
	ProblemDetail unreadableContentType(InvalidMediaTypeException ex) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"The Content-Type is not a media type; send application/json");
		problem.setTitle("Unsupported Media Type");
		return problem;
	}

	/**
	 * Postgres unreachable (down, restarting, failing over) or the connection lost
	 * mid-transaction: 503 with {@code Retry-After}, within the pool's connection
	 * timeout. Nothing was stored, or the commit's outcome is unknown: either way the
	 * client repeats the request with the same Idempotency-Key, which cannot assign
	 * twice.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			RecoverableDataAccessException.class, CannotCreateTransactionException.class,
			TransactionSystemException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The assignment store is unavailable; repeat the request (with the same Idempotency-Key) after "
						+ RETRY_AFTER_SECONDS + " s");
		problem.setTitle("Service Unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
			.body(problem);
	}

	@ExceptionHandler
	ProblemDetail tooLarge(RequestTooLarge ex) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		problem.setTitle("Request body too large");
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = joined(ex.getBindingResult().getAllErrors().stream().map(ProblemDetailsAdvice::describe));
		return invalidRequest(ex, detail, headers, request);
	}

	/**
	 * Constraints on a handler's parameters (a path variable, a header, the body) that
	 * did not hold, checked by Spring MVC itself: each as {@code name message}, a body's
	 * by its fields.
	 */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = joined(Stream.concat(
				ex.getParameterValidationResults().stream().flatMap(ProblemDetailsAdvice::violations),
				ex.getCrossParameterValidationResults().stream().map(MessageSourceResolvable::getDefaultMessage)));
		return invalidRequest(ex, detail.isEmpty() ? ex.getMessage() : detail, headers, request);
	}

	/** A 400 titled "Invalid request" that says which constraints did not hold. */
	private ResponseEntity<Object> invalidRequest(Exception ex, String detail, HttpHeaders headers,
			WebRequest request) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** Violations in a stable order, whatever order the validator found them in. */
	private static String joined(Stream<String> violations) {
		return violations.sorted().collect(Collectors.joining("; "));
	}

	private static Stream<String> violations(ParameterValidationResult result) {
		if (result instanceof ParameterErrors errors) {
			return errors.getAllErrors().stream().map(ProblemDetailsAdvice::describe);
		}
		String name = nameOnTheWire(result.getMethodParameter());
		return result.getResolvableErrors().stream().map((error) -> name + " " + error.getDefaultMessage());
	}

	/**
	 * A header by the name its client sends ({@code Idempotency-Key}), not the Java
	 * parameter's ({@code idempotencyKey}).
	 */
	private static String nameOnTheWire(MethodParameter parameter) {
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		if (header == null) {
			return parameter.getParameterName();
		}
		return "header " + (header.name().isEmpty() ? header.value() : header.name());
	}

	/**
	 * A field's error by the field's name, an object's (a whole body's) by the object's.
	 */
	private static String describe(ObjectError error) {
		String name = (error instanceof FieldError field) ? field.getField() : error.getObjectName();
		return name + " " + error.getDefaultMessage();
	}

}
