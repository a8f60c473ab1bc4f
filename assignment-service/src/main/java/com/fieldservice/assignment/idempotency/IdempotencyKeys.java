package com.fieldservice.assignment.idempotency;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stored responses of requests sent with an {@code Idempotency-Key}. A key is claimed in
 * the same transaction that does the work, so a rejected request leaves no key behind,
 * and a concurrent retry waits on the claim and then gets the stored response.
 */
@Repository
public class IdempotencyKeys {

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims {@code key} for a request with {@code requestHash}; returns the stored
	 * response when the key was used before by the same request, throws
	 * {@link IdempotencyKeyReused} when by a different one.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<StoredResponse> claim(String key, String requestHash) {
		int claimed = jdbc.sql("""
				INSERT INTO idempotency_key (key, request_hash, status, body) VALUES (?, ?, 0, '')
				ON CONFLICT (key) DO NOTHING""").params(key, requestHash).update();
		if (claimed == 1) {
			return Optional.empty();
		}
		var stored = jdbc.sql("SELECT request_hash, status, body, location FROM idempotency_key WHERE key = ?")
			.param(key)
			.query((rs, row) -> new Stored(rs.getString("request_hash"),
					new StoredResponse(rs.getInt("status"), rs.getString("body"), rs.getString("location"))))
			.single();
		if (!stored.requestHash().equals(requestHash)) {
			throw new IdempotencyKeyReused(key);
		}
		return Optional.of(stored.response());
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void complete(String key, StoredResponse response) {
		jdbc.sql("UPDATE idempotency_key SET status = ?, body = ?, location = ? WHERE key = ?")
			.params(response.status(), response.body(), response.location(), key)
			.update();
	}

	private record Stored(String requestHash, StoredResponse response) {
	}

}
