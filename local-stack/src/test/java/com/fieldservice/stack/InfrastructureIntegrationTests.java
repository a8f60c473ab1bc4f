package com.fieldservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fieldservice.schemas.TopicSpec;
import com.fieldservice.schemas.Topics;

/**
 * The real broker, registry and Postgres the stack starts: reachable on loopback, topics
 * created.
 */
class InfrastructureIntegrationTests {

	@TempDir
	static Path data;

	static LocalStack stack;

	@BeforeAll
	static void start() {
		stack = LocalStack.startInfrastructure(StackSettings.forTests(data));
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void createsEveryTopicOfTheCatalogueWithItsPartitions() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
			var names = Topics.ALL.stream().map(TopicSpec::name).toList();
			var described = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
			for (TopicSpec<?, ?> topic : Topics.ALL) {
				assertThat(described.get(topic.name()).partitions()).hasSize(topic.partitions());
			}
		}
	}

	@Test
	void registryAnswersOnItsConfluentCompatibleApi() throws Exception {
		var response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(stack.registry().url() + "/apis/ccompat/v7/subjects")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void postgresHoldsTheAssignmentsDatabase() throws Exception {
		try (var connection = DriverManager.getConnection(stack.postgres().jdbcUrl("assignments"), "postgres",
				"postgres")) {
			assertThat(connection.isValid(2)).isTrue();
		}
	}

}
