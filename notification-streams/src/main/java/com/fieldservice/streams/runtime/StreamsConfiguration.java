package com.fieldservice.streams.runtime;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fieldservice.events.EventRouted;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.Topics;
import com.fieldservice.streams.routing.JobAssignedTopology;

/**
 * Wires the routing topology to the schema registry, the Kafka Streams client and the
 * health and metrics endpoints.
 */
@Configuration(proxyBeanMethods = false)
class StreamsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StreamsConfiguration.class);

	@Bean
	Topology jobAssignedTopology(NotificationStreamsProperties properties, MeterRegistry meterRegistry) {
		String registry = properties.schemaRegistryUrl();
		Serde<SpecificRecord> events = AvroSerdes.valueSerde(registry);
		Serde<EventRouted> receipts = AvroSerdes.valueSerde(registry);
		resolveSchemasBeforeTakingTasks(events, receipts);
		return JobAssignedTopology.build(events, receipts, properties.dedupeWindow(), meterRegistry);
	}

	/**
	 * An instance restarted after a crash gets its tasks back within a minute; looking up
	 * the schemas it writes only then held those tasks' first commit back by seconds.
	 */
	private static void resolveSchemasBeforeTakingTasks(Serde<SpecificRecord> events, Serde<EventRouted> receipts) {
		try {
			for (var topic : List.of(Topics.JOB_ASSIGNED, Topics.DISPATCHER_NOTIFICATIONS,
					Topics.CONTRACTOR_NOTIFICATIONS)) {
				AvroSerdes.resolveValueSchemas(events.serializer(), topic);
			}
			AvroSerdes.resolveValueSchemas(receipts.serializer(), Topics.EVENT_ROUTED);
		}
		catch (RuntimeException ex) {
			log.warn("Schemas not looked up ahead (the first records will look them up): {}", ex.toString());
		}
	}

	// The bean name makes it the "kafkaStreams" health contributor that the readiness
	// group includes.
	@Bean
	KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator() {
		return new KafkaStreamsHealthIndicator();
	}

	@Bean
	KafkaStreamsLifecycle kafkaStreamsLifecycle(Topology jobAssignedTopology, NotificationStreamsProperties properties,
			KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator, MeterRegistry meterRegistry) {
		return new KafkaStreamsLifecycle(jobAssignedTopology, properties.streamsConfig(), kafkaStreamsHealthIndicator,
				meterRegistry, properties.closeTimeout());
	}

}
