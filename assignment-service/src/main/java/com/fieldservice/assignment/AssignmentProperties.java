package com.fieldservice.assignment;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of assignment-service.
 *
 * @param schemaRegistryUrl base URL of the schema registry
 * @param maxRequestBytes largest accepted request body (413 beyond)
 * @param maxSlotLength longest scheduled time slot accepted (400 beyond)
 * @param relay settings of the outbox relay
 * @param eventLogRetention how long published EventLog rows are kept
 */
@ConfigurationProperties("assignments")
@Validated
public record AssignmentProperties(String schemaRegistryUrl, int maxRequestBytes, Duration maxSlotLength, Relay relay,
		@NotNull @Valid Retention eventLogRetention) {

	/**
	 * @param pollInterval safety-net poll when no commit woke the relay
	 * @param linger how long a wake-up waits for more appends before it is sent, so the
	 * relay publishes them in one Kafka transaction and one database commit; only while
	 * appends come closer together than this (see {@code RelayWakeups}); zero sends each
	 * at once
	 * @param batchSize rows published per Kafka transaction
	 * @param maxBackoff longest wait between retries while Kafka or the registry is down
	 * @param transactionalIdPrefix prefix of the relay producers' transactional.ids:
	 * {@code leader} and the producer's number are appended, the same on every instance,
	 * so a new leader fences the producers of the one before
	 */
	public record Relay(Duration pollInterval, Duration linger, int batchSize, Duration maxBackoff,
			String transactionalIdPrefix) {
	}

	/**
	 * @param maxAge published rows are deleted once their {@code published_at} is older;
	 * unpublished rows are kept however old
	 * @param batchSize rows deleted per statement, so no statement holds locks for long
	 * @param interval time between the end of one run and the start of the next
	 * @param pause wait between two batches of one run, so deleting never starves the
	 * POSTs; zero for none
	 */
	public record Retention(@NotNull @DurationMin(nanos = 1, message = "must be positive") Duration maxAge,
			@Positive int batchSize, @NotNull @DurationMin(nanos = 1, message = "must be positive") Duration interval,
			@NotNull @DurationMin(nanos = 0, message = "must not be negative") Duration pause) {
	}

}
