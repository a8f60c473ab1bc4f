package com.fieldservice.push.feed;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fieldservice.push.realtime.NotificationDispatcher;
import com.fieldservice.schemas.AvroSerdes;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires the Kafka side (unless {@code push.kafka.enabled=false}): the live feed, the
 * history catch-ups read, and the feed's readiness indicator.
 */
@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

	private final AtomicInteger catchUpConsumers = new AtomicInteger();

	@Bean
	@ConditionalOnBooleanProperty(name = "push.kafka.enabled", matchIfMissing = true)
	NotificationFeed notificationFeed(KafkaProperties kafka, FeedProperties properties,
			NotificationDispatcher dispatcher, MeterRegistry registry) {
		var config = notificationsConsumerConfig(kafka, properties);
		return new NotificationFeed(() -> newConsumer(config, properties), dispatcher, properties, registry);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "push.kafka.enabled", matchIfMissing = true)
	KafkaHistory kafkaHistory(KafkaProperties kafka, FeedProperties properties) {
		Map<String, Object> config = notificationsConsumerConfig(kafka, properties);
		// A resume position older than the topic's retention replays what is left.
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaHistory(() -> newConsumer(
				withClientId(config, "push-service-catch-up-" + catchUpConsumers.incrementAndGet()), properties));
	}

	/**
	 * Named so that the indicator shows as {@code notificationFeed}, the name the
	 * readiness group includes.
	 */
	@Bean
	NotificationFeedHealthIndicator notificationFeedHealthIndicator(ObjectProvider<NotificationFeed> feed) {
		return new NotificationFeedHealthIndicator(feed.getIfAvailable());
	}

	/**
	 * For the live feed and the catch-ups alike, so that a position means the same to
	 * both.
	 */
	private static Map<String, Object> notificationsConsumerConfig(KafkaProperties kafka, FeedProperties properties) {
		return NotificationFeed.consumerConfig(kafka.buildConsumerProperties(), properties.isolationLevel());
	}

	static Map<String, Object> withClientId(Map<String, Object> config, String clientId) {
		var copy = new HashMap<>(config);
		// Distinct ids, since clients sharing one collide in the JMX metrics
		// registration.
		copy.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		return copy;
	}

	private static Consumer<String, SpecificRecord> newConsumer(Map<String, Object> config, FeedProperties properties) {
		return new KafkaConsumer<>(config, new StringDeserializer(),
				AvroSerdes.<SpecificRecord>valueDeserializer(properties.schemaRegistryUrl()));
	}

}
