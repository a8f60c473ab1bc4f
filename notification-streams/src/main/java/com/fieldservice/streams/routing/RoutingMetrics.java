package com.fieldservice.streams.routing;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import com.fieldservice.streams.routing.Inspected.Defect;

/**
 * Counts what the topology deliberately does not route: dropped duplicates and
 * dead-lettered records. Under exactly-once a transaction that aborts is processed again,
 * so the counts may run slightly high.
 */
final class RoutingMetrics {

	private final Counter duplicatesDropped;

	private final Map<Defect, Counter> deadLettered = new EnumMap<>(Defect.class);

	RoutingMetrics(MeterRegistry registry) {
		this.duplicatesDropped = Counter.builder("notification.streams.duplicates.dropped")
			.description("Event copies dropped because their eventId was already routed within the window")
			.register(registry);
		// Registered up front so that every series exists, at zero, before the first
		// incident.
		for (Defect defect : Defect.values()) {
			this.deadLettered.put(defect,
					Counter.builder("notification.streams.dead.lettered")
						.description("Outbox records sent to the dead-letter topic")
						.tag("defect", defect.name().toLowerCase(Locale.ROOT))
						.register(registry));
		}
	}

	void duplicateDropped() {
		this.duplicatesDropped.increment();
	}

	void deadLettered(Defect defect) {
		this.deadLettered.get(defect).increment();
	}

}
