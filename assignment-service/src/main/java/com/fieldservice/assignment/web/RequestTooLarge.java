package com.fieldservice.assignment.web;

/** A request body over the configured limit: answered with 413. */
class RequestTooLarge extends RuntimeException {

	RequestTooLarge(int limit) {
		super("The request body exceeds " + limit + " bytes");
	}

}
