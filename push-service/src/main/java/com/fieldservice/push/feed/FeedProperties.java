package com.fieldservice.push.feed;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Kafka side (the brokers are {@code spring.kafka.bootstrap-servers}).
 *
 * @param enabled whether to consume at all; off in tests that need no Kafka
 * @param schemaRegistryUrl base URL of the schema registry that resolves the Avro values' schema ids
 * @param pollTimeout longest a poll waits for records
 * @param retryBackoff pause before the consumer is recreated after a failure (topics missing, broker down)
 */
@ConfigurationProperties("push.kafka")
public record FeedProperties(boolean enabled, String schemaRegistryUrl, Duration pollTimeout, Duration retryBackoff) {
}
