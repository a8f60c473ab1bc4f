package com.fieldservice.push.feed;

import java.time.Duration;

import org.apache.kafka.common.IsolationLevel;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Kafka side (the brokers are {@code spring.kafka.bootstrap-servers}).
 *
 * @param enabled whether to consume at all; off in tests that need no Kafka
 * @param schemaRegistryUrl base URL of the schema registry that resolves the Avro values'
 * schema ids
 * @param pollTimeout longest a poll waits for records
 * @param retryBackoff pause before the consumer is recreated after a failure (topics
 * missing, broker down)
 * @param isolationLevel how the notification topics are read: {@code read_uncommitted}
 * pushes a record as soon as notification-streams wrote it, {@code read_committed} only
 * once its transaction committed (see the README)
 */
@ConfigurationProperties("push.kafka")
public record FeedProperties(boolean enabled, String schemaRegistryUrl, Duration pollTimeout, Duration retryBackoff,
		IsolationLevel isolationLevel) {
}
