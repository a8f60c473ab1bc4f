package com.fieldservice.assignment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of assignment-service.
 *
 * @param schemaRegistryUrl base URL of the schema registry
 * @param maxRequestBytes largest accepted request body (413 beyond)
 * @param maxSlotLength longest scheduled time slot accepted (400 beyond)
 * @param relay settings of the outbox relay
 */
@ConfigurationProperties("assignments")
public record AssignmentProperties(String schemaRegistryUrl, int maxRequestBytes, Duration maxSlotLength, Relay relay) {

	/**
	 * @param pollInterval safety-net poll when no commit woke the relay
	 * @param batchSize rows published per Kafka transaction
	 * @param maxBackoff longest wait between retries while Kafka or the registry is down
	 * @param transactionalIdPrefix prefix of the relay producers' transactional.ids:
	 * {@code leader} and the producer's number are appended, the same on every instance,
	 * so a new leader fences the producers of the one before
	 */
	public record Relay(Duration pollInterval, int batchSize, Duration maxBackoff, String transactionalIdPrefix) {
	}

}
