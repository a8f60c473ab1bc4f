package com.fieldservice.push.presence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fieldservice.push.feed.FeedProperties;
import com.fieldservice.push.feed.TopicTail;
import com.fieldservice.push.realtime.Broadcaster;
import com.fieldservice.schemas.Topics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires presence (unless {@code push.kafka.enabled=false}): this instance's publisher and
 * the reader of all.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "push.kafka.enabled", matchIfMissing = true)
class PresenceConfiguration {

	@Bean(destroyMethod = "close")
	Producer<String, String> presenceProducer(KafkaProperties kafka) {
		return new KafkaProducer<>(producerConfig(kafka, "push-service-presence"), new StringSerializer(),
				new StringSerializer());
	}

	@Bean
	Presence presence(Producer<String, String> presenceProducer, Broadcaster broadcaster, JsonMapper json,
			PresenceProperties properties, MeterRegistry registry) {
		// A new id per start: a restarted instance must not inherit the snapshot of its
		// crashed predecessor.
		String instance = "push-service-" + UUID.randomUUID();
		var presence = new Presence(instance, new PresenceBoard(), presenceProducer, broadcaster, json, properties,
				Clock.systemUTC());
		Gauge.builder("push.presence.online", presence, Presence::online)
			.description("Contractors connected to any instance")
			.register(registry);
		return presence;
	}

	@Bean
	TopicTail presenceTail(KafkaProperties kafka, Presence presence, PresenceProperties properties,
			FeedProperties settings) {
		return new TopicTail(Topics.PUSH_PRESENCE.name(), () -> TopicTail.consumer(kafka, "push-service-presence"),
				oneExpiryAgo(properties.expiry()), presence::apply, settings.pollTimeout(), settings.retryBackoff());
	}

	/**
	 * Reads back one expiry period: older snapshots belong to instances that are gone.
	 */
	private static TopicTail.Start oneExpiryAgo(Duration expiry) {
		return (consumer, partitions) -> {
			long since = Instant.now().minus(expiry).toEpochMilli();
			Map<TopicPartition, Long> timestamps = new HashMap<>();
			partitions.forEach((partition) -> timestamps.put(partition, since));
			consumer.offsetsForTimes(timestamps).forEach((partition, found) -> {
				if (found != null) {
					consumer.seek(partition, found.offset());
				}
				else {
					consumer.seekToEnd(List.of(partition));
				}
			});
		};
	}

	/** Bounded waits, so that a broker outage cannot hold up a shutdown for minutes. */
	private static Map<String, Object> producerConfig(KafkaProperties kafka, String clientId) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
		return config;
	}

}
