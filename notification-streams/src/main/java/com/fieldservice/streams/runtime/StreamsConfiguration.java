package com.fieldservice.streams.runtime;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;
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

	/** The topics it writes events to; it only reads the outbox. */
	private static final Set<String> WRITTEN = Set.of(Topics.JOB_ASSIGNED.name(),
			Topics.DISPATCHER_NOTIFICATIONS.name(), Topics.CONTRACTOR_NOTIFICATIONS.name());

	@Bean
	Topology jobAssignedTopology(NotificationStreamsProperties properties, MeterRegistry meterRegistry) {
		String registry = properties.schemaRegistryUrl();
		Serde<EventRouted> receipts = AvroSerdes.valueSerde(registry);
		resolveAhead(receipts, Topics.EVENT_ROUTED.name());
		return JobAssignedTopology.build((topic) -> eventSerde(registry, topic), receipts, properties.dedupeWindow(),
				meterRegistry);
	}

	private static Serde<SpecificRecord> eventSerde(String registry, String topic) {
		Serde<SpecificRecord> serde = AvroSerdes.valueSerde(registry);
		if (WRITTEN.contains(topic)) {
			resolveAhead(serde, topic);
		}
		return serde;
	}

	/**
	 * Looks up (registering, at the first start) the schemas written to {@code topic}
	 * now: an instance restarted after a crash gets its tasks back within a minute, and
	 * doing this only then held their first commit back by seconds.
	 */
	private static void resolveAhead(Serde<?> serde, String topic) {
		AvroSerdes.resolveValueSchemasAhead(serde.serializer(), Topics.named(topic).orElseThrow());
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
