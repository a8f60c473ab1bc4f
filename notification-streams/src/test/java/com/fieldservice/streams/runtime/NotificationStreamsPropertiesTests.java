package com.fieldservice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class NotificationStreamsPropertiesTests {

	private final NotificationStreamsProperties properties = new NotificationStreamsProperties("broker:9092",
			"http://registry:8081", "notification-streams", "/var/lib/streams", 1, Duration.ofMillis(100),
			StreamsConfig.EXACTLY_ONCE_V2, 3, Duration.ofDays(7), Duration.ofSeconds(30), Duration.ofSeconds(3));

	@Test
	void processesExactlyOnce() {
		assertThat(this.properties.streamsConfig()).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
				StreamsConfig.EXACTLY_ONCE_V2);
	}

	@Test
	void passesTheClientSettingsToKafkaStreams() {
		assertThat(this.properties.streamsConfig())
			.containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "notification-streams")
			.containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
			.containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/streams")
			.containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
			.containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L)
			.containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3);
	}

	@Test
	void canRunAtLeastOnceToMeasureWhatExactlyOnceCosts() {
		var atLeastOnce = new NotificationStreamsProperties("broker:9092", "http://registry:8081", "benchmark",
				"/var/lib/streams", 0, Duration.ofMillis(100), StreamsConfig.AT_LEAST_ONCE, 1, Duration.ofDays(7),
				Duration.ofSeconds(30), Duration.ofSeconds(3));

		assertThat(new StreamsConfig(atLeastOnce.streamsConfig()).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
			.isEqualTo("at_least_once");
	}

	@Test
	void sendsOutputsWithoutWaitingForTheCommit() {
		assertThat(new StreamsConfig(this.properties.streamsConfig()).getProducerConfigs("client"))
			.containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
	}

	@Test
	void heartbeatsSixTimesASession() {
		var consumer = new StreamsConfig(this.properties.streamsConfig()).getMainConsumerConfigs("group", "client", 0);

		assertThat(consumer).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 3_000)
			.containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
	}

	@Test
	void givesATransactionFiveSecondsOrFiveCommitIntervalsBeforeTheCoordinatorAbortsIt() {
		var slowCommits = new NotificationStreamsProperties("broker:9092", "http://registry:8081",
				"notification-streams", "/var/lib/streams", 1, Duration.ofSeconds(4), StreamsConfig.EXACTLY_ONCE_V2, 3,
				Duration.ofDays(7), Duration.ofSeconds(30), Duration.ofSeconds(3));

		assertThat(new StreamsConfig(this.properties.streamsConfig()).getProducerConfigs("client"))
			.containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 5_000);
		assertThat(new StreamsConfig(slowCommits.streamsConfig()).getProducerConfigs("client"))
			.containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 20_000);
	}

	@Test
	void givesTasksOnlyToAnInstanceWhoseStoresAreCaughtUp() {
		var config = new StreamsConfig(this.properties.streamsConfig());

		assertThat(config.getLong(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG)).isEqualTo(100L);
		assertThat(config.getLong(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG)).isEqualTo(60_000L);
	}

	@Test
	void isAcceptedByKafkaStreams() {
		var config = new StreamsConfig(this.properties.streamsConfig());

		assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
	}

}
