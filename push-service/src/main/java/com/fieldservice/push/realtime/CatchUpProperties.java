package com.fieldservice.push.realtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of catch-ups, which replay from Kafka what a resuming client missed.
 *
 * @param concurrency catch-ups read at the same time (each with its own Kafka consumer);
 * the rest queue
 * @param timeout longest one catch-up may take before its client is told to reconnect
 */
@ConfigurationProperties("push.catch-up")
record CatchUpProperties(int concurrency, Duration timeout) {
}
