package com.fieldservice.assignment.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Outbox metrics: backlog, commit-to-Kafka publish lag, published events and publish
 * failures.
 */
class RelayMetrics {

	private final Timer publishLag;

	private final Counter published;

	private final Counter failures;

	RelayMetrics(MeterRegistry registry, EventLog eventLog) {
		this.publishLag = Timer.builder("outbox.publish.lag")
			.description("Time from the EventLog append to the Kafka commit")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
		this.published = Counter.builder("outbox.published")
			.description("Events published to Kafka")
			.register(registry);
		this.failures = Counter.builder("outbox.publish.failures")
			.description("Failed relay attempts (Kafka or registry unavailable)")
			.register(registry);
		Gauge.builder("outbox.backlog", eventLog, EventLog::backlog)
			.description("EventLog rows not yet published")
			.register(registry);
	}

	void published(List<EventLog.PendingEvent> events) {
		Instant now = Instant.now();
		for (EventLog.PendingEvent event : events) {
			publishLag.record(Duration.between(event.createdAt(), now));
		}
		published.increment(events.size());
	}

	void failed() {
		failures.increment();
	}

}
