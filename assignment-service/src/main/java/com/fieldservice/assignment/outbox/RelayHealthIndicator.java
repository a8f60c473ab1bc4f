package com.fieldservice.assignment.outbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the relay in {@code /actuator/health}: DOWN while publishing keeps failing. It
 * is not part of readiness, because assignments are accepted (and kept) while Kafka is
 * down.
 */
class RelayHealthIndicator implements HealthIndicator {

	private final OutboxRelay relay;

	private final EventLog eventLog;

	RelayHealthIndicator(OutboxRelay relay, EventLog eventLog) {
		this.relay = relay;
		this.eventLog = eventLog;
	}

	@Override
	public Health health() {
		var builder = relay.consecutiveFailures() == 0 ? Health.up() : Health.down();
		return builder.withDetail("leader", relay.leader())
			.withDetail("consecutiveFailures", relay.consecutiveFailures())
			.withDetail("lastSuccess", String.valueOf(relay.lastSuccess()))
			.withDetail("backlog", eventLog.backlog())
			.build();
	}

}
