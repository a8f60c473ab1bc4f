package com.fieldservice.streams.runtime;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the Kafka Streams client UP once it has started processing, so the readiness
 * probe turns green only when events are actually being routed.
 */
final class KafkaStreamsHealthIndicator implements HealthIndicator, KafkaStreams.StateListener {

	private volatile State state = State.CREATED;

	private volatile boolean hasRun;

	@Override
	public void onChange(State newState, State oldState) {
		this.state = newState;
		if (newState == State.RUNNING) {
			this.hasRun = true;
		}
	}

	@Override
	public Health health() {
		Health.Builder health = isProcessing() ? Health.up() : Health.down();
		return health.withDetail("state", this.state.name()).build();
	}

	private boolean isProcessing() {
		// A rebalance after the first RUNNING is routine (an instance joined or left) and
		// keeps us ready; the initial one is not yet processing, nor is a client that
		// cannot reach the brokers.
		return this.state == State.RUNNING || (this.state == State.REBALANCING && this.hasRun);
	}

}
