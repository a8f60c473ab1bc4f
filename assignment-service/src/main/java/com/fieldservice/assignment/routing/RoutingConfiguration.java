package com.fieldservice.assignment.routing;

import java.util.HashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

import com.fieldservice.assignment.AssignmentProperties;
import com.fieldservice.events.EventRouted;
import com.fieldservice.schemas.AvroSerdes;

/** The consumer of routing results: Avro through the registry, committed records only. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, EventRouted> routingListenerFactory(KafkaProperties kafka,
			AssignmentProperties properties) {
		var config = new HashMap<String, Object>(kafka.buildConsumerProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "assignment-service-routing");
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		// A crashed instance holds its partitions until its session expires: 10 s instead
		// of 45 s, so the EventLog keeps showing routing results when instances come and
		// go.
		config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
		// Routing results are for people reading the EventLog, not for delivery: up to
		// a quarter of a second more buys fewer, larger polls (one commit each).
		config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65_536);
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250);
		// The factory configures the deserializer again with these properties: they must
		// carry the registry's.
		config.putAll(AvroSerdes.config(properties.schemaRegistryUrl()));
		// An unreadable value reaches the listener as null instead of failing every poll
		// at the same offset.
		var consumers = new DefaultKafkaConsumerFactory<String, EventRouted>(config, new StringDeserializer(),
				new ErrorHandlingDeserializer<>(
						AvroSerdes.<EventRouted>valueDeserializer(properties.schemaRegistryUrl())));
		var factory = new ConcurrentKafkaListenerContainerFactory<String, EventRouted>();
		factory.setConsumerFactory(consumers);
		// A poll's results are recorded in one database commit.
		factory.setBatchListener(true);
		// A failed update (database down) is retried with backoff, never skipped;
		// unreadable records are logged and passed over by the listener.
		var backOff = new ExponentialBackOff(500, 2);
		backOff.setMaxInterval(30_000);
		factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
		return factory;
	}

}
