package com.fieldservice.assignment.idempotency;

/**
 * The status, JSON body and Location of a response, replayed as-is for a retried request.
 */
public record StoredResponse(int status, String body, String location) {
}
