package com.fieldservice.assignment.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fieldservice.schemas.TraceParent;

import tools.jackson.databind.JsonNode;

/**
 * One EventLog row as {@code GET /api/events/{eventId}} shows it.
 *
 * @param kafka where the relay published it; null until published
 * @param routedTo the dispatcher groups and contractor notification-streams routed it to;
 * null until routed
 * @param trace the trace of the request that wrote it; null for an event written outside
 * any trace
 */
public record EventLogEntry(UUID eventId, String eventType, String aggregateId, JsonNode payload, Instant createdAt,
		Instant publishedAt, KafkaPosition kafka, int attempts, String lastError, Routing routedTo, Trace trace,
		@JsonIgnore Audience audience) {

	/**
	 * The W3C trace context stored with the event and sent in the {@code traceparent}
	 * header of its records.
	 */
	public record Trace(String traceId, String traceparent) {

		static Trace of(String traceparent) {
			return TraceParent.traceId(traceparent).map((traceId) -> new Trace(traceId, traceparent)).orElse(null);
		}

	}

	/**
	 * Who may read the entry besides an admin: the dispatchers of these groups and the
	 * contractor.
	 */
	public record Audience(List<String> dispatchGroups, String contractorId) {
	}

	/** Topic, partition and offset of the published record. */
	public record KafkaPosition(String topic, int partition, long offset) {
	}

	/** Where the event was routed. */
	public record Routing(List<String> dispatchGroups, String contractorId, Instant routedAt) {
	}

}
