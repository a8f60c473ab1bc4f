package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;

/**
 * Records on the JobAssigned topic are in Confluent's wire format: magic byte 0, then a
 * 4-byte schema id that the registry's Confluent-compatible API resolves to the
 * JobAssigned schema.
 */
class WireFormatIntegrationTests {

	@Test
	void aRawJobAssignedRecordStartsWithMagicByteAndASchemaIdTheCcompatApiResolves() throws Exception {
		LocalStack stack = SystemStack.get();
		var api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
		String group = AssignmentApi.unique("grp");
		String contractor = AssignmentApi.unique("C");
		String job = AssignmentApi.unique("J");
		api.createGroup(group);
		api.createContractor(contractor, "Grace Hopper HVAC");
		api.createJob(job, List.of(group));
		AssignmentApi.expect(201, api.assign(job, contractor, "2030-02-01T08:00:00Z", "2030-02-01T09:00:00Z", null));

		byte[] value = firstRecordFor(stack.kafka().bootstrapServers(), job);

		assertThat(value[0]).as("magic byte").isZero();
		int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
		var response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create(stack.registry().url() + "/apis/ccompat/v7/schemas/ids/" + schemaId))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		Schema registered = new Schema.Parser()
			.parse(AssignmentApi.JSON.readTree(response.body()).get("schema").asString());
		assertThat(registered.getFullName()).isEqualTo(JobAssigned.getClassSchema().getFullName());
		assertThat(SchemaNormalization.parsingFingerprint64(registered))
			.isEqualTo(SchemaNormalization.parsingFingerprint64(JobAssigned.getClassSchema()));
	}

	private static byte[] firstRecordFor(String bootstrap, String jobId) {
		var config = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.GROUP_ID_CONFIG, AssignmentApi.unique("wire-format-test"));
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.JOB_ASSIGNED_OUTBOX.name()));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (jobId.equals(record.key())) {
						return record.value();
					}
				}
			}
		}
		throw new AssertionError("No record for job " + jobId + " on " + Topics.JOB_ASSIGNED_OUTBOX.name());
	}

}
