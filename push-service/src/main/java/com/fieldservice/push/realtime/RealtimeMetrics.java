package com.fieldservice.push.realtime;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import com.fieldservice.push.security.Role;

/**
 * WebSocket metrics: open sessions by role, notification frames (jobAssigned,
 * assignmentCancelled) handed to sessions (live or replayed by a catch-up), slow clients
 * cut off, and catch-ups.
 */
final class RealtimeMetrics {

	static final String LIVE = "live";

	static final String CATCH_UP = "catch-up";

	private final Map<Role, Counter> deliveredLive = new EnumMap<>(Role.class);

	private final Map<Role, Counter> deliveredCatchUp = new EnumMap<>(Role.class);

	private final Counter cutOffs;

	private final Timer catchUps;

	private final Counter failedCatchUps;

	RealtimeMetrics(MeterRegistry registry, Connections connections) {
		for (Role role : Role.values()) {
			Gauge.builder("push.sessions", connections, (all) -> all.count(role))
				.description("Open WebSocket sessions")
				.tag("role", role.wireName())
				.register(registry);
			deliveredLive.put(role, delivered(registry, role, LIVE));
			deliveredCatchUp.put(role, delivered(registry, role, CATCH_UP));
		}
		this.cutOffs = Counter.builder("push.sessions.cut.off")
			.description("Sessions closed because the client did not keep up")
			.register(registry);
		this.catchUps = Timer.builder("push.catchups")
			.description("Catch-ups that replayed missed notifications from Kafka, and how long they took")
			.register(registry);
		this.failedCatchUps = Counter.builder("push.catchups.failed")
			.description("Catch-ups that could not read Kafka in time; their clients were told to reconnect")
			.register(registry);
	}

	void delivered(Role stream, String delivery) {
		(delivery.equals(LIVE) ? deliveredLive : deliveredCatchUp).get(stream).increment();
	}

	void cutOff() {
		cutOffs.increment();
	}

	void caughtUp(long nanos) {
		catchUps.record(Duration.ofNanos(nanos));
	}

	void catchUpFailed() {
		failedCatchUps.increment();
	}

	private static Counter delivered(MeterRegistry registry, Role stream, String delivery) {
		return Counter.builder("push.messages.delivered")
			.description("Notification frames (jobAssigned, assignmentCancelled) handed to sessions")
			.tag("stream", stream.wireName())
			.tag("delivery", delivery)
			.register(registry);
	}

}
