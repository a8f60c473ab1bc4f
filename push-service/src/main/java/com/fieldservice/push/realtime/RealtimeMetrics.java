package com.fieldservice.push.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.fieldservice.push.security.Role;

/** WebSocket metrics: open sessions by role, notifications handed to sessions, and slow clients cut off. */
final class RealtimeMetrics {

	private final MeterRegistry registry;

	private final Counter cutOffs;

	RealtimeMetrics(MeterRegistry registry, Connections connections) {
		this.registry = registry;
		for (Role role : Role.values()) {
			Gauge.builder("push.sessions", connections, (all) -> all.count(role))
				.description("Open WebSocket sessions")
				.tag("role", role.wireName())
				.register(registry);
			delivered(role);
		}
		this.cutOffs = Counter.builder("push.sessions.cut.off")
			.description("Sessions closed because the client did not keep up")
			.register(registry);
	}

	void delivered(Role stream, int sessions) {
		delivered(stream).increment(sessions);
	}

	void cutOff() {
		cutOffs.increment();
	}

	private Counter delivered(Role stream) {
		return Counter.builder("push.messages.delivered")
			.description("JobAssigned frames handed to sessions")
			.tag("stream", stream.wireName())
			.register(registry);
	}

}
