package com.fieldservice.assignment.idempotency;

/** An Idempotency-Key was sent again with a different request: answered with 422. */
public class IdempotencyKeyReused extends RuntimeException {

	public IdempotencyKeyReused(String key) {
		super("Idempotency-Key " + key + " was already used for a different request");
	}

}
