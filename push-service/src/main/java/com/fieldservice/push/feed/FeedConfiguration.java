package com.fieldservice.push.feed;

import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.push.realtime.NotificationDispatcher;
import com.fieldservice.schemas.AvroSerdes;

import io.micrometer.core.instrument.MeterRegistry;

/** Wires the Kafka feed (unless {@code push.kafka.enabled=false}) and its readiness indicator. */
@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "push.kafka.enabled", matchIfMissing = true)
	NotificationFeed notificationFeed(KafkaProperties kafka, FeedProperties properties,
			NotificationDispatcher dispatcher, MeterRegistry registry) {
		var config = NotificationFeed.consumerConfig(kafka.buildConsumerProperties());
		return new NotificationFeed(() -> newConsumer(config, properties), dispatcher, properties, registry);
	}

	/** Named so that the indicator shows as {@code notificationFeed}, the name the readiness group includes. */
	@Bean
	NotificationFeedHealthIndicator notificationFeedHealthIndicator(ObjectProvider<NotificationFeed> feed) {
		return new NotificationFeedHealthIndicator(feed.getIfAvailable());
	}

	private static Consumer<String, JobAssigned> newConsumer(Map<String, Object> config, FeedProperties properties) {
		return new KafkaConsumer<>(config, new StringDeserializer(),
				AvroSerdes.<JobAssigned>valueDeserializer(properties.schemaRegistryUrl()));
	}

}
