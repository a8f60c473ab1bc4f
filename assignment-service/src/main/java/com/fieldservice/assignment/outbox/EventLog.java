package com.fieldservice.assignment.outbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The EventLog table: the transactional outbox of every domain event, and the record of
 * where each event was published (Kafka position) and routed (dispatcher groups and
 * contractor).
 */
@Repository
public class EventLog {

	/** Postgres channel the relay leader listens on for wake-ups. */
	static final String CHANNEL = "event_log";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final RelayWakeups wakeups;

	private final CurrentTrace trace;

	EventLog(JdbcClient jdbc, JsonMapper json, RelayWakeups wakeups, CurrentTrace trace) {
		this.jdbc = jdbc;
		this.json = json;
		this.wakeups = wakeups;
		this.trace = trace;
	}

	/**
	 * Stores the event, with the caller's trace context, in the caller's transaction; the
	 * relay is woken once that transaction commits.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(String eventType, DomainEvent event) {
		jdbc.sql("""
				INSERT INTO event_log (event_id, event_type, aggregate_id, payload, created_at, dispatch_groups,
				                       contractor_id, trace_parent)
				VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?)""")
			.params(event.eventId(), eventType, event.aggregateId(), json.writeValueAsString(event),
					Timestamp.from(Instant.now()), event.dispatchGroups().toArray(String[]::new), event.contractorId(),
					trace.traceParent())
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				wakeups.signal();
			}
		});
	}

	/** The oldest unpublished rows, in insert ({@code seq}) order. */
	List<PendingEvent> unpublished(int limit) {
		return jdbc.sql("""
				SELECT event_id, event_type, aggregate_id, payload::text AS payload, created_at, trace_parent
				FROM event_log WHERE published_at IS NULL ORDER BY seq LIMIT ?""")
			.param(limit)
			.query((rs, row) -> new PendingEvent(rs.getObject("event_id", UUID.class), rs.getString("event_type"),
					rs.getString("aggregate_id"), rs.getString("payload"), rs.getTimestamp("created_at").toInstant(),
					rs.getString("trace_parent")))
			.list();
	}

	/**
	 * Marks a relayed batch published in one statement: Postgres plans and executes it
	 * once for the whole batch, where a JDBC batch executes an update per row.
	 */
	void markPublished(List<Published> published) {
		jdbc.sql("""
				UPDATE event_log e SET published_at = clock_timestamp(), kafka_topic = p.topic,
				       kafka_partition = p.kafka_partition, kafka_offset = p.kafka_offset, attempts = e.attempts + 1,
				       last_error = NULL
				FROM unnest(?::uuid[], ?::text[], ?::integer[], ?::bigint[])
				     AS p(event_id, topic, kafka_partition, kafka_offset)
				WHERE e.event_id = p.event_id""")
			.params(published.stream().map(Published::eventId).toArray(UUID[]::new),
					published.stream().map(Published::topic).toArray(String[]::new),
					published.stream().map(Published::partition).toArray(Integer[]::new),
					published.stream().map(Published::offset).toArray(Long[]::new))
			.update();
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void recordFailure(List<UUID> eventIds, String error) {
		jdbc.sql("UPDATE event_log SET attempts = attempts + 1, last_error = ? WHERE event_id = ANY(?)")
			.params(error, eventIds.toArray(UUID[]::new))
			.update();
	}

	/**
	 * Records where notification-streams routed events, in one statement and one commit:
	 * a commit per event would cost a WAL flush per event. The batch goes as a JSON array
	 * of rows, since each row carries an array of groups of its own length. Of two
	 * receipts for one event in a batch (a redelivery), the later one counts.
	 */
	@Transactional
	public void recordRouting(List<Routing> routings) {
		var latest = new LinkedHashMap<UUID, RoutingRow>();
		routings.forEach((routing) -> latest.put(routing.eventId(), RoutingRow.of(routing)));
		jdbc.sql("""
				UPDATE event_log e SET routed_groups = r.groups, routed_contractor = r."contractorId",
				       routed_at = r."routedAt"
				FROM jsonb_to_recordset(?::jsonb)
				     AS r("eventId" uuid, groups text[], "contractorId" text, "routedAt" timestamptz)
				WHERE e.event_id = r."eventId"
				""").param(json.writeValueAsString(latest.values())).update();
	}

	/**
	 * A {@link Routing} as a row of {@link #recordRouting}'s JSON, its time as ISO-8601
	 * text whatever the JSON mapper's date settings.
	 */
	private record RoutingRow(UUID eventId, List<String> groups, String contractorId, String routedAt) {

		static RoutingRow of(Routing routing) {
			return new RoutingRow(routing.eventId(), routing.groups(), routing.contractorId(),
					routing.routedAt().toString());
		}

	}

	/** Where notification-streams routed one event: dispatcher groups and contractor. */
	public record Routing(UUID eventId, List<String> groups, String contractorId, Instant routedAt) {
	}

	/**
	 * Deletes up to {@code limit} rows published longer than {@code maxAge} ago and
	 * returns how many. Called outside a transaction, each call commits on its own and
	 * releases its row locks at once. Age is measured on the database clock, which set
	 * {@code published_at}. SKIP LOCKED lets instances running this at once split the
	 * rows instead of queueing behind each other, and passes over rows a routing update
	 * holds.
	 */
	int deletePublished(Duration maxAge, int limit) {
		// Unpublished rows are the relay's queue, never deleted. The comparison alone
		// skips them too (a NULL is never older); the guard says so, and holds if the
		// age test ever changes.
		return jdbc.sql("""
				DELETE FROM event_log WHERE seq IN (
				    SELECT seq FROM event_log
				    WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => ?)
				    LIMIT ? FOR UPDATE SKIP LOCKED)""").params(maxAge.toMillis() / 1000.0, limit).update();
	}

	public long backlog() {
		return jdbc.sql("SELECT count(*) FROM event_log WHERE published_at IS NULL").query(Long.class).single();
	}

	public Optional<EventLogEntry> find(UUID eventId) {
		return jdbc.sql("""
				SELECT event_id, event_type, aggregate_id, payload::text AS payload, created_at, published_at,
				       kafka_topic, kafka_partition, kafka_offset, attempts, last_error, routed_groups,
				       routed_contractor, routed_at, dispatch_groups, contractor_id, trace_parent
				FROM event_log WHERE event_id = ?""").param(eventId).query((rs, row) -> {
			var groups = rs.getArray("routed_groups");
			Timestamp routedAt = rs.getTimestamp("routed_at");
			Timestamp publishedAt = rs.getTimestamp("published_at");
			var kafka = publishedAt == null ? null : new EventLogEntry.KafkaPosition(rs.getString("kafka_topic"),
					rs.getInt("kafka_partition"), rs.getLong("kafka_offset"));
			var routed = routedAt == null ? null : new EventLogEntry.Routing(List.of((String[]) groups.getArray()),
					rs.getString("routed_contractor"), routedAt.toInstant());
			return new EventLogEntry(rs.getObject("event_id", UUID.class), rs.getString("event_type"),
					rs.getString("aggregate_id"), json.readTree(rs.getString("payload")),
					rs.getTimestamp("created_at").toInstant(), publishedAt == null ? null : publishedAt.toInstant(),
					kafka, rs.getInt("attempts"), rs.getString("last_error"), routed,
					EventLogEntry.Trace.of(rs.getString("trace_parent")),
					new EventLogEntry.Audience(List.of((String[]) rs.getArray("dispatch_groups").getArray()),
							rs.getString("contractor_id")));
		}).optional();
	}

	/**
	 * A row waiting to be relayed.
	 *
	 * @param traceParent the W3C traceparent of the request that wrote it, or null
	 */
	record PendingEvent(UUID eventId, String eventType, String aggregateId, String payload, Instant createdAt,
			String traceParent) {
	}

	/** Where a relayed event landed. */
	record Published(UUID eventId, String topic, int partition, long offset) {
	}

}
