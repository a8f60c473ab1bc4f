package com.fieldservice.assignment.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import com.fieldservice.assignment.AssignmentProperties;

import tools.jackson.databind.json.JsonMapper;

/**
 * Relays EventLog rows to Kafka in insert order ({@code seq}), on one thread of the
 * leader instance. Insert order is not commit order across concurrent requests; each
 * job's events still keep theirs, because a job has at most one active assignment, so its
 * events are never written by two transactions at once. It wakes right after an append
 * commits (a Postgres NOTIFY from {@link RelayWakeups}) and polls as a safety net. A
 * batch is marked published only after its Kafka transaction committed: a crash in
 * between re-sends rows that carry the same event ids, which notification-streams drops
 * as duplicates (at-least-once here, exactly-once downstream).
 */
class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** A batch slower than this is logged with where its time went. */
	private static final Duration SLOW_BATCH = Duration.ofSeconds(1);

	private final EventLog eventLog;

	private final EventTypes eventTypes;

	private final KafkaEventPublisher publisher;

	private final RelayLeadership leadership;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final AssignmentProperties.Relay settings;

	private final RelayMetrics metrics;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();

	private volatile boolean running;

	private volatile boolean leader;

	private Thread thread;

	OutboxRelay(EventLog eventLog, EventTypes eventTypes, KafkaEventPublisher publisher, RelayLeadership leadership,
			TransactionTemplate transactions, JsonMapper json, AssignmentProperties.Relay settings,
			RelayMetrics metrics) {
		this.eventLog = eventLog;
		this.eventTypes = eventTypes;
		this.publisher = publisher;
		this.leadership = leadership;
		this.transactions = transactions;
		this.json = json;
		this.settings = settings;
		this.metrics = metrics;
	}

	@Override
	public void start() {
		running = true;
		thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
	}

	@Override
	public void stop() {
		running = false;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		publisher.close();
		leadership.close();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	int consecutiveFailures() {
		return consecutiveFailures.get();
	}

	/** Whether this instance relays (holds the leadership); the others stand by. */
	boolean leader() {
		return leader;
	}

	Instant lastSuccess() {
		return lastSuccess.get();
	}

	private void run() {
		while (running) {
			try {
				boolean wasLeader = leader;
				leader = leadership.acquire();
				if (wasLeader && !leader) {
					log.warn("This instance stopped relaying: its leadership connection to the database was lost");
				}
				if (!leader) {
					sleep(settings.pollInterval());
					continue;
				}
				if (!wasLeader) {
					publisher.prepare();
					log.info("This instance relays now ({} events waiting)", eventLog.backlog());
				}
				int relayed = relayBatch();
				consecutiveFailures.set(0);
				lastSuccess.set(Instant.now());
				if (relayed < settings.batchSize()) {
					leadership.awaitAppend(settings.pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				int failures = consecutiveFailures.incrementAndGet();
				metrics.failed();
				log.warn("Relaying events failed ({} in a row), retrying: {}", failures, ex.getMessage());
				sleep(backoff(failures));
			}
		}
	}

	/**
	 * Publishes one batch in one Kafka transaction, inside one database transaction that
	 * marks it published.
	 */
	private int relayBatch() throws InterruptedException {
		Integer relayed = transactions.execute(status -> {
			long start = System.nanoTime();
			List<EventLog.PendingEvent> pending = eventLog.unpublished(settings.batchSize());
			if (pending.isEmpty()) {
				return 0;
			}
			try {
				long read = System.nanoTime();
				var published = publisher.publish(pending.stream().map(this::toOutgoing).toList());
				long sent = System.nanoTime();
				eventLog.markPublished(published);
				metrics.published(pending);
				long marked = System.nanoTime();
				if (marked - start > SLOW_BATCH.toNanos()) {
					log.info("Relayed {} events in {} ms (reading {} ms, Kafka transaction {} ms, marking {} ms)",
							pending.size(), (marked - start) / 1_000_000, (read - start) / 1_000_000,
							(sent - read) / 1_000_000, (marked - sent) / 1_000_000);
				}
				return pending.size();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while publishing", ex);
			}
			catch (RuntimeException ex) {
				eventLog.recordFailure(pending.stream().map(EventLog.PendingEvent::eventId).toList(),
						String.valueOf(ex.getMessage()));
				throw ex;
			}
		});
		if (Thread.currentThread().isInterrupted()) {
			throw new InterruptedException();
		}
		return relayed == null ? 0 : relayed;
	}

	private KafkaEventPublisher.Outgoing toOutgoing(EventLog.PendingEvent row) {
		var registration = eventTypes.get(row.eventType());
		DomainEvent event = json.readValue(row.payload(), registration.type());
		return new KafkaEventPublisher.Outgoing(row.eventId(), registration.topic(), row.aggregateId(), event.toAvro(),
				row.traceParent());
	}

	private Duration backoff(int failures) {
		long millis = Math.min(settings.maxBackoff().toMillis(), 100L << Math.min(failures, 10));
		return Duration.ofMillis(millis);
	}

	private void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

}
