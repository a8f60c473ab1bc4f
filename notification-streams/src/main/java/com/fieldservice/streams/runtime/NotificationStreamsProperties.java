package com.fieldservice.streams.runtime;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Kafka Streams application and of its routing, bound from
 * {@code notification-streams.*}.
 *
 * @param bootstrapServers Kafka brokers to connect to
 * @param schemaRegistryUrl base URL of the schema registry the Avro serdes use
 * @param applicationId Kafka Streams application id: consumer group and prefix of
 * internal topics
 * @param stateDir directory of the local state stores
 * @param standbyReplicas warm copies of each state store kept on other instances
 * @param commitInterval how often processing is committed, hence the latency of
 * exactly-once output
 * @param processingGuarantee {@code exactly_once_v2} (what the system's guarantees rest
 * on) or {@code at_least_once} (only to measure what exactly-once costs: a crash may then
 * route an event twice or drop it)
 * @param replicationFactor replication factor of the internal (changelog) topics; -1 for
 * the broker's default
 * @param dedupeWindow how long an eventId is remembered to drop its duplicates
 * @param closeTimeout how long shutdown waits for the stream threads to finish
 * @param sessionTimeout how long the group waits for a silent instance before moving its
 * tasks to the others; no shorter than the brokers' {@code group.min.session.timeout.ms}
 */
@ConfigurationProperties("notification-streams")
record NotificationStreamsProperties(String bootstrapServers, String schemaRegistryUrl, String applicationId,
		String stateDir, int standbyReplicas, Duration commitInterval, String processingGuarantee,
		int replicationFactor, Duration dedupeWindow, Duration closeTimeout, Duration sessionTimeout) {

	Properties streamsConfig() {
		var config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, this.applicationId);
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(StreamsConfig.STATE_DIR_CONFIG, this.stateDir);
		config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, this.standbyReplicas);
		config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, this.commitInterval.toMillis());
		config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, this.replicationFactor);
		// Refuse to start with a generated store or topic name: it could change with the
		// topology and orphan state.
		config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
		// With exactly_once_v2, reading the outbox, updating the dedupe store and writing
		// all outputs commit as one transaction, so a crash never routes an event twice
		// nor loses one. This makes the producer idempotent and transactional (acks=all)
		// and the consumer read_committed; nothing to set on the clients.
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, this.processingGuarantee);
		// Kafka Streams lets its producer linger 100 ms; at a notification's rate batches
		// rarely fill, so each record would wait out the linger or the next commit. 5 ms
		// (the client default since Kafka 4.0) still batches under load.
		config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
		// Each commit ends a transaction, and the next one's first send often arrives
		// while the broker still writes the commit's markers (CONCURRENT_TRANSACTIONS,
		// retried). The default backoff grows from 100 ms to a second and holds the next
		// commit, and every record in it, that long: retry after 5 ms, never more than
		// 50 ms.
		config.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 5);
		config.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), 50);
		// An instance that crashed holds its partitions until its session expires: a 3 s
		// session (the brokers here allow it; their default minimum is 6 s) instead of 45
		// s lets the others take over while notifications are still "real time". Six
		// heartbeats per session keep a live instance in the group on a busy machine.
		// A crashed instance also leaves a transaction open, with records in its
		// changelog: the instance taking its tasks over cannot finish restoring them
		// until the coordinator aborts it. A 5 s transaction timeout instead of Kafka
		// Streams' 10 s halves that wait; a transaction spans about one commit interval,
		// so the timeout stays at least five of them.
		config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
				(int) this.sessionTimeout.toMillis());
		config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
				(int) this.sessionTimeout.toMillis() / 6);
		config.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
				(int) Math.max(5_000, 5 * this.commitInterval.toMillis()));
		// An instance that comes back after a crash has lost its stores (exactly-once
		// wipes state without a clean shutdown). Kafka Streams would give it active tasks
		// while it is up to 10,000 records behind, and nothing is routed while it
		// restores them on a JVM still warming up. Within 100 records it takes tasks at
		// once (a standby is that close); further behind it warms up as a standby, and a
		// probing rebalance every minute (the least allowed) hands tasks over once caught
		// up.
		config.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, 100L);
		config.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, 60_000L);
		return config;
	}

}
