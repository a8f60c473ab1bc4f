package com.fieldservice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class KafkaStreamsHealthIndicatorTests {

	private final KafkaStreamsHealthIndicator indicator = new KafkaStreamsHealthIndicator();

	@Test
	void isDownBeforeTheClientStarts() {
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void isDownDuringTheFirstRebalance() {
		this.indicator.onChange(State.REBALANCING, State.CREATED);

		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void isUpWhileRunning() {
		this.indicator.onChange(State.REBALANCING, State.CREATED);
		this.indicator.onChange(State.RUNNING, State.REBALANCING);

		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.indicator.health().getDetails()).containsEntry("state", "RUNNING");
	}

	@Test
	void staysUpDuringALaterRebalance() {
		this.indicator.onChange(State.RUNNING, State.REBALANCING);
		this.indicator.onChange(State.REBALANCING, State.RUNNING);

		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void isDownOnceTheClientFails() {
		this.indicator.onChange(State.RUNNING, State.REBALANCING);
		this.indicator.onChange(State.PENDING_ERROR, State.RUNNING);
		this.indicator.onChange(State.ERROR, State.PENDING_ERROR);

		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void isDownWhileShuttingDown() {
		this.indicator.onChange(State.RUNNING, State.REBALANCING);
		this.indicator.onChange(State.PENDING_SHUTDOWN, State.RUNNING);

		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

}
