package com.fieldservice.push.positions;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fieldservice.push.feed.FeedProperties;
import com.fieldservice.push.feed.TopicTail;
import com.fieldservice.schemas.Topics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires the acknowledged positions (unless {@code push.kafka.enabled=false}): the store
 * and the reader of its topic; and a readiness indicator, since an instance that has not
 * read the positions yet would resume clients from the live end and skip what they have
 * pending.
 */
@Configuration(proxyBeanMethods = false)
class PositionsConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnBooleanProperty(name = "push.kafka.enabled", matchIfMissing = true)
	Producer<String, String> positionsProducer(KafkaProperties kafka) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "push-service-positions");
		// Acks come in bursts (every client after a notification): batch them for a few
		// milliseconds.
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		// Bounded waits, so that a broker outage cannot hold up a shutdown for minutes.
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "push.kafka.enabled", matchIfMissing = true)
	KafkaAcknowledgedPositions acknowledgedPositions(Producer<String, String> positionsProducer,
			MeterRegistry registry) {
		return new KafkaAcknowledgedPositions(positionsProducer, registry);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "push.kafka.enabled", matchIfMissing = true)
	TopicTail positionsTail(KafkaProperties kafka, KafkaAcknowledgedPositions positions, FeedProperties settings) {
		return new TopicTail(Topics.PUSH_POSITIONS.name(), () -> TopicTail.consumer(kafka, "push-service-positions"),
				(consumer, partitions) -> consumer.seekToBeginning(partitions), positions::apply,
				settings.pollTimeout(), settings.retryBackoff());
	}

	/**
	 * Named so that the indicator shows as {@code acknowledgedPositions}, which the
	 * readiness group includes.
	 */
	@Bean
	HealthIndicator acknowledgedPositionsHealthIndicator(@Qualifier("positionsTail") ObjectProvider<TopicTail> tail) {
		TopicTail positionsTail = tail.getIfAvailable();
		return () -> {
			if (positionsTail == null) {
				return Health.up().withDetail("kafka", "disabled").build();
			}
			return positionsTail.isCaughtUp() ? Health.up().build()
					: Health.outOfService().withDetail("reason", "acknowledged positions not yet read").build();
		};
	}

}
