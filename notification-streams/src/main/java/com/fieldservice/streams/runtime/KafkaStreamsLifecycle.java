package com.fieldservice.streams.runtime;

import java.time.Duration;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the Kafka Streams client with the application context and closes it cleanly when
 * the context closes.
 */
final class KafkaStreamsLifecycle implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KafkaStreamsLifecycle.class);

	private final Topology topology;

	private final Properties config;

	private final KafkaStreams.StateListener stateListener;

	private final MeterRegistry meterRegistry;

	private final Duration closeTimeout;

	private KafkaStreams streams;

	private KafkaStreamsMetrics metrics;

	KafkaStreamsLifecycle(Topology topology, Properties config, KafkaStreams.StateListener stateListener,
			MeterRegistry meterRegistry, Duration closeTimeout) {
		this.topology = topology;
		this.config = config;
		this.stateListener = stateListener;
		this.meterRegistry = meterRegistry;
		this.closeTimeout = closeTimeout;
	}

	@Override
	public synchronized void start() {
		this.streams = new KafkaStreams(this.topology, this.config);
		this.streams.setStateListener(this.stateListener);
		this.streams.setUncaughtExceptionHandler(KafkaStreamsLifecycle::replaceThread);
		this.metrics = new KafkaStreamsMetrics(this.streams);
		this.metrics.bindTo(this.meterRegistry);
		log.info("Starting Kafka Streams {}:\n{}", this.config.get("application.id"), this.topology.describe());
		this.streams.start();
	}

	@Override
	public synchronized void stop() {
		this.metrics.close();
		// Leave the group, so the remaining instances (or this one restarted) take over
		// the partitions now rather than after the session timeout. Bounded: a broker
		// that is gone must not hold up the shutdown forever; what was not committed is
		// aborted and processed again by the next owner of the partitions.
		var options = CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
			.withTimeout(this.closeTimeout);
		if (!this.streams.close(options)) {
			log.warn("Kafka Streams did not close within {}", this.closeTimeout);
		}
		this.streams = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.streams != null;
	}

	private static StreamThreadExceptionResponse replaceThread(Throwable failure) {
		// Records that are at fault go to the dead-letter topic, so what lands here is a
		// failure of the environment (registry or broker unreachable): a fresh thread
		// retries from the last commit.
		log.error("Stream thread failed; replacing it", failure);
		return StreamThreadExceptionResponse.REPLACE_THREAD;
	}

}
