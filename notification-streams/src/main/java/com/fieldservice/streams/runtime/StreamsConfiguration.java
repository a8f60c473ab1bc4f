package com.fieldservice.streams.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.streams.routing.JobAssignedTopology;

/**
 * Wires the routing topology to the schema registry, the Kafka Streams client and the
 * health and metrics endpoints.
 */
@Configuration(proxyBeanMethods = false)
class StreamsConfiguration {

	@Bean
	Topology jobAssignedTopology(NotificationStreamsProperties properties, MeterRegistry meterRegistry) {
		String registry = properties.schemaRegistryUrl();
		return JobAssignedTopology.build(AvroSerdes.valueSerde(registry), AvroSerdes.valueSerde(registry),
				properties.dedupeWindow(), meterRegistry);
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
