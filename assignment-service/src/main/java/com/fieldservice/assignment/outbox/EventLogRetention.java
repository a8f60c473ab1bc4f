package com.fieldservice.assignment.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.fieldservice.assignment.AssignmentProperties;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Deletes published EventLog rows once they are older than the retention, in small
 * batches, shortly after start and then on a fixed delay.
 */
class EventLogRetention implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EventLogRetention.class);

	/** Lets startup (Flyway, the relay taking over) settle before the first run. */
	private static final Duration FIRST_RUN_DELAY = Duration.ofMinutes(1);

	private final EventLog eventLog;

	private final AssignmentProperties.Retention settings;

	private final Counter deleted;

	private ScheduledExecutorService scheduler;

	EventLogRetention(EventLog eventLog, AssignmentProperties.Retention settings, MeterRegistry registry) {
		this.eventLog = eventLog;
		this.settings = settings;
		this.deleted = Counter.builder("outbox.retention.deleted")
			.description("Published EventLog rows deleted after the retention")
			.register(registry);
	}

	@Override
	public void start() {
		scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("event-log-retention").daemon().factory());
		scheduler.scheduleWithFixedDelay(this::scheduledRun, FIRST_RUN_DELAY.toMillis(), settings.interval().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		// Interrupts the pause between batches; a DELETE in flight finishes and commits.
		scheduler.shutdownNow();
		try {
			scheduler.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return scheduler != null && !scheduler.isShutdown();
	}

	/**
	 * Deletes expired rows batch by batch until a batch comes back short, and returns how
	 * many. Rows another instance holds are left to the next run.
	 */
	long run() throws InterruptedException {
		long total = 0;
		int batches = 0;
		while (true) {
			int batch = eventLog.deletePublished(settings.maxAge(), settings.batchSize());
			deleted.increment(batch);
			total += batch;
			batches++;
			if (batch < settings.batchSize()) {
				break;
			}
			Thread.sleep(settings.pause());
		}
		log.info("Deleted {} EventLog rows published more than {} ago ({} delete statements)", total, settings.maxAge(),
				batches);
		return total;
	}

	private void scheduledRun() {
		try {
			run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// Caught, because a task that throws is never scheduled again.
			log.warn("Deleting expired EventLog rows failed, retrying in {}: {}", settings.interval(), ex.getMessage());
		}
	}

}
