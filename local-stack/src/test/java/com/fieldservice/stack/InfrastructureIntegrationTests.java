package com.fieldservice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fieldservice.events.JobAssigned;
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
	void refusesATopicThatExistsWithAnotherPartitionCountThanItsSpec() throws Exception {
		String bootstrap = stack.kafka().bootstrapServers();
		var spec = new TopicSpec<>("stack-test.partitions.v1", String.class, String.class, 1, Map.of());
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			// As another version would have left it: more partitions than the spec's.
			admin.createTopics(List.of(new NewTopic(spec.name(), 2, (short) 1))).all().get(10, TimeUnit.SECONDS);
		}

		assertThatIllegalStateException().isThrownBy(() -> TopicCreator.createAll(bootstrap, (short) 1, List.of(spec)))
			.withMessageContaining(spec.name() + " has 2 partitions where this version expects 1")
			.withMessageContaining("--clean");
	}

	@Test
	void registryAnswersOnItsConfluentCompatibleApi() throws Exception {
		var response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(stack.registry().url() + "/apis/ccompat/v7/subjects")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void everySubjectOfTheCatalogueIsBackwardTransitive() throws Exception {
		assertThat(SubjectCompatibility.subjects()).contains(Topics.JOB_ASSIGNED.name() + "-value",
				Topics.JOB_ASSIGNED.name() + "-com.fieldservice.events.AssignmentCancelled");
		for (String subject : SubjectCompatibility.subjects()) {
			assertThat(registry("GET", "/config/" + subject, null).body()).as(subject)
				.contains("\"compatibilityLevel\":\"BACKWARD_TRANSITIVE\"");
		}
	}

	/**
	 * A producer built without the build's checks registers a schema that cannot read the
	 * events already written: the registry refuses it (409), whatever the producer's
	 * auto-register setting.
	 */
	@Test
	void registryRefusesASchemaThatCannotReadEarlierEvents() throws Exception {
		String subject = Topics.JOB_ASSIGNED.name() + "-value";
		var current = JobAssigned.getClassSchema();
		assertThat(registry("POST", "/subjects/" + subject + "/versions", current).statusCode()).isEqualTo(200);

		var fields = new ArrayList<Schema.Field>();
		current.getFields().forEach((field) -> fields.add(new Schema.Field(field, field.schema())));
		fields.add(new Schema.Field("priority", Schema.create(Schema.Type.STRING), "no default: old events lack it"));
		var incompatible = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
				fields);
		var refused = registry("POST", "/subjects/" + subject + "/versions", incompatible);

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("Incompatible");
		assertThat(registry("GET", "/subjects/" + subject + "/versions", null).body()).isEqualTo("[1]");
	}

	private static HttpResponse<String> registry(String method, String path, Schema schema) throws Exception {
		String body = (schema == null) ? ""
				: "{\"schema\":\"" + schema.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
		var request = HttpRequest.newBuilder(URI.create(stack.registry().url() + "/apis/ccompat/v7" + path))
			.header("Content-Type", "application/vnd.schemaregistry.v1+json")
			.method(method,
					(schema == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void postgresHoldsTheAssignmentsDatabase() throws Exception {
		try (var connection = DriverManager.getConnection(stack.postgres().jdbcUrl("assignments"), "postgres",
				"postgres")) {
			assertThat(connection.isValid(2)).isTrue();
		}
	}

}
