package com.fieldservice.streams.routing;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import com.fieldservice.streams.routing.Inspected.Defect;

/**
 * Counts what the topology deliberately does not route: dropped duplicates and dead-lettered records.
 * Under exactly-once a transaction that aborts is processed again, so the counts may run slightly high.
 */
final class RoutingMetrics {

	private final Counter duplicatesDropped;

	private final MeterRegistry registry;

	RoutingMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.duplicatesDropped = Counter.builder("notification.streams.duplicates.dropped")
			.description("JobAssigned copies dropped because their eventId was already routed within the window")
			.register(registry);
	}

	void duplicateDropped() {
		this.duplicatesDropped.increment();
	}

	void deadLettered(Defect defect) {
		Counter.builder("notification.streams.dead.lettered")
			.description("Outbox records sent to the dead-letter topic")
			.tag("defect", defect.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
	}

}
