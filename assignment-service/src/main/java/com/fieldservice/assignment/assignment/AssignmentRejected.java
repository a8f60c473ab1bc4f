package com.fieldservice.assignment.assignment;

import org.springframework.http.HttpStatus;

/** Why an assignment request was refused; mapped to a problem detail with this status. */
public class AssignmentRejected extends RuntimeException {

	private final HttpStatus status;

	private final String title;

	AssignmentRejected(HttpStatus status, String title, String detail) {
		super(detail);
		this.status = status;
		this.title = title;
	}

	public HttpStatus status() {
		return status;
	}

	public String title() {
		return title;
	}

	static AssignmentRejected notFound(String what, String id) {
		return new AssignmentRejected(HttpStatus.NOT_FOUND, "Unknown " + what, "No " + what + " with id " + id);
	}

	static AssignmentRejected badSlot(String detail) {
		return new AssignmentRejected(HttpStatus.BAD_REQUEST, "Invalid time slot", detail);
	}

	static AssignmentRejected forbidden(String detail) {
		return new AssignmentRejected(HttpStatus.FORBIDDEN, "Forbidden", detail);
	}

	static AssignmentRejected conflict(String title, String detail) {
		return new AssignmentRejected(HttpStatus.CONFLICT, title, detail);
	}

}
