package com.fieldservice.assignment.assignment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fieldservice.assignment.idempotency.IdempotencyKeys;
import com.fieldservice.assignment.idempotency.StoredResponse;
import com.fieldservice.assignment.security.Caller;

import tools.jackson.databind.json.JsonMapper;

/**
 * Creates assignments so that a POST retried with the same Idempotency-Key returns the
 * first response and creates nothing more: key, assignment and event commit together or
 * not at all.
 */
@Service
class IdempotentAssignments {

	private final AssignmentService assignments;

	private final IdempotencyKeys keys;

	private final JsonMapper json;

	IdempotentAssignments(AssignmentService assignments, IdempotencyKeys keys, JsonMapper json) {
		this.assignments = assignments;
		this.keys = keys;
		this.json = json;
	}

	/**
	 * Keys are the caller's own: another caller's key, however equal, never returns this
	 * caller's response.
	 */
	@Transactional
	public StoredResponse assign(String jobId, NewAssignment request, Caller caller, String idempotencyKey) {
		String key = (idempotencyKey != null) ? caller.role().wireName() + ":" + caller.subject() + ":" + idempotencyKey
				: null;
		if (key != null) {
			var replay = keys.claim(key, hash(jobId, request));
			if (replay.isPresent()) {
				return replay.get();
			}
		}
		Assignment assignment = assignments.assign(jobId, request, caller);
		var response = new StoredResponse(HttpStatus.CREATED.value(), json.writeValueAsString(assignment),
				"/api/assignments/" + assignment.id());
		if (key != null) {
			keys.complete(key, response);
		}
		return response;
	}

	private String hash(String jobId, NewAssignment request) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((jobId + "\n" + json.writeValueAsString(request)).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
