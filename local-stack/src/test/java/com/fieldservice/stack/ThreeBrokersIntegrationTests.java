package com.fieldservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fieldservice.schemas.TopicSpec;
import com.fieldservice.schemas.Topics;

/**
 * The three-broker option: every topic, the internal ones included, on three replicas
 * with two in sync, and a broker's death costs neither an acknowledged write nor the
 * ability to write.
 */
class ThreeBrokersIntegrationTests {

	private static final String PROBE_TOPIC = Topics.DEAD_LETTER.name();

	@TempDir
	static Path data;

	static LocalStack stack;

	@BeforeAll
	static void start() {
		stack = LocalStack.startInfrastructure(StackSettings.forTests(data).withBrokers(3));
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void replicatesEveryTopicThreeTimesWithTwoInSync() throws Exception {
		writeTransactionally("before", 10);
		consume(0);
		try (Admin admin = admin()) {
			var names = new ArrayList<>(Topics.ALL.stream().map(TopicSpec::name).toList());
			names.addAll(List.of("__consumer_offsets", "__transaction_state"));
			Map<String, TopicDescription> topics = admin.describeTopics(names)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			var resources = names.stream().map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
			Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);

			assertThat(topics).hasSize(names.size()).allSatisfy((name, topic) -> {
				assertThat(topic.partitions())
					.allSatisfy((partition) -> assertThat(partition.replicas()).as(name + " replicas").hasSize(3));
				assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
					.get("min.insync.replicas")
					.value()).as(name + " min.insync.replicas").isEqualTo("2");
			});
		}
	}

	@Test
	void keepsTakingAndServingWritesWithOneBrokerDead() throws Exception {
		writeTransactionally("warm-up", 1);
		int before = consume(0);
		KafkaBroker leader = stack.kafka().leaderOf(PROBE_TOPIC, 0);
		leader.kill();
		try {
			writeTransactionally("during", 50);

			assertThat(consume(before)).as("records written with acks=all while a broker is dead").isEqualTo(50);
		}
		finally {
			stack.kafka().start(leader.nodeId());
			leader.awaitReady(Duration.ofSeconds(60));
		}
	}

	private static void writeTransactionally(String prefix, int count) {
		var config = Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
				ProducerConfig.TRANSACTIONAL_ID_CONFIG, "three-brokers-" + prefix, ProducerConfig.ACKS_CONFIG, "all");
		try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
			producer.initTransactions();
			producer.beginTransaction();
			for (int i = 0; i < count; i++) {
				producer.send(new ProducerRecord<>(PROBE_TOPIC, 0, prefix, prefix + "-" + i));
			}
			producer.commitTransaction();
		}
	}

	/** Committed records after the first {@code skip}, read by a consumer group. */
	private static int consume(int skip) {
		var config = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "three-brokers-" + System.nanoTime(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed");
		int seen = 0;
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(PROBE_TOPIC));
			long quietSince = System.nanoTime();
			while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
				int polled = consumer.poll(Duration.ofMillis(250)).count();
				if (polled > 0) {
					seen += polled;
					quietSince = System.nanoTime();
				}
			}
			consumer.commitSync();
		}
		return seen - skip;
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
	}

}
