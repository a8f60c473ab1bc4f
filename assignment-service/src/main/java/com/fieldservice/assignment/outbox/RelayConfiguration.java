package com.fieldservice.assignment.outbox;

import java.sql.DriverManager;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

import com.fieldservice.assignment.AssignmentProperties;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.Topics;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the outbox: the relay with its leadership, transactional publisher and Avro
 * serializer, and the retention that deletes published rows.
 */
@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

	@Bean
	RelayWakeups relayWakeups(DataSource dataSource, AssignmentProperties properties) {
		return new RelayWakeups(dataSource, properties.relay().linger());
	}

	@Bean
	RelayMetrics relayMetrics(MeterRegistry registry, EventLog eventLog) {
		return new RelayMetrics(registry, eventLog);
	}

	@Bean
	OutboxRelay outboxRelay(EventLog eventLog, EventTypes eventTypes, DataSourceProperties database,
			TransactionTemplate transactions, JsonMapper json, AssignmentProperties properties, KafkaProperties kafka,
			RelayMetrics metrics) {
		String bootstrap = String.join(",", kafka.getBootstrapServers());
		// Stable id: only the leader publishes, and a new leader's initTransactions
		// aborts a crashed one's open transaction at once instead of leaving
		// read_committed consumers waiting for its timeout.
		String transactionalId = properties.relay().transactionalIdPrefix() + "leader";
		var publisher = new KafkaEventPublisher(KafkaEventPublisher.producerConfigs(bootstrap, transactionalId),
				valueSerializerResolvedAhead(properties.schemaRegistryUrl()));
		var leadership = new RelayLeadership(() -> DriverManager.getConnection(database.determineUrl(),
				database.determineUsername(), database.determinePassword()));
		return new OutboxRelay(eventLog, eventTypes, publisher, leadership, transactions, json, properties.relay(),
				metrics);
	}

	/**
	 * The relay's Avro serializer, holding the schema of every event type it writes
	 * already: an instance that takes the relay over from a dead one spends its first
	 * batch on events, not on registry lookups (a second each on a busy machine), and
	 * relays even if the registry is down by then.
	 */
	private static Serializer<SpecificRecord> valueSerializerResolvedAhead(String registryUrl) {
		Serializer<SpecificRecord> serializer = AvroSerdes.valueSerializer(registryUrl);
		AvroSerdes.resolveValueSchemasAhead(serializer, Topics.JOB_ASSIGNED_OUTBOX);
		return serializer;
	}

	@Bean
	EventLogRetention eventLogRetention(EventLog eventLog, AssignmentProperties properties, MeterRegistry registry) {
		return new EventLogRetention(eventLog, properties.eventLogRetention(), registry);
	}

	@Bean
	RelayHealthIndicator relayHealthIndicator(OutboxRelay relay, EventLog eventLog) {
		return new RelayHealthIndicator(relay, eventLog);
	}

}
