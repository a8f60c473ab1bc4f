package com.fieldservice.push.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.events.AssignmentCancelled;
import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.TopicSpec;
import com.fieldservice.schemas.Topics;
import com.fieldservice.testsupport.AsyncApiValidator;

import tools.jackson.databind.JsonNode;

/**
 * The AsyncAPI document ({@code docs/asyncapi.yaml}) read by the AsyncAPI parser, and
 * held against what it describes: the topic catalogue the topics are created from, and
 * the Avro schemas their values are written with. Neither can change without the
 * document.
 */
class AsyncApiDocumentIntegrationTests {

	/** Topics only this system's own processes read and write: not a contract. */
	private static final Set<String> INTERNAL = Set.of(Topics.JOB_ASSIGNED_OUTBOX.name(), Topics.EVENT_ROUTED.name(),
			Topics.PUSH_POSITIONS.name(), Topics.PUSH_PRESENCE.name(), Topics.ARCHIVE_CONTROL.name());

	private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

	private static AsyncApiValidator.Result parsed;

	@BeforeAll
	static void parse() {
		parsed = AsyncApiValidator.validate(HOME, AsyncApiValidator.document(HOME), null);
	}

	@Test
	void parsesWithoutAnError() {
		assertThat(parsed.errors()).isEmpty();
		assertThat(parsed.document()).isNotNull();
		assertThat(parsed.exitCode()).isZero();
	}

	@Test
	void documentsEveryPublicTopicAsTheCatalogueCreatesIt() {
		Map<String, JsonNode> documented = kafkaChannels();
		List<TopicSpec<?, ?>> public_ = Topics.ALL.stream().filter((spec) -> !INTERNAL.contains(spec.name())).toList();

		assertThat(documented.keySet())
			.containsExactlyInAnyOrderElementsOf(public_.stream().map(TopicSpec::name).toList());
		for (TopicSpec<?, ?> spec : public_) {
			JsonNode binding = documented.get(spec.name()).at("/bindings/kafka");
			assertThat(binding.get("topic").asString()).as(spec.name()).isEqualTo(spec.name());
			assertThat(binding.get("partitions").asInt()).as(spec.name() + " partitions").isEqualTo(spec.partitions());
			assertThat(binding.at("/topicConfiguration/retention.ms").asLong()).as(spec.name() + " retention.ms")
				.isEqualTo(Long.parseLong(spec.configs().get("retention.ms")));
			assertThat(binding.at("/topicConfiguration/cleanup.policy/0").asString())
				.as(spec.name() + " cleanup.policy")
				.isEqualTo(spec.configs().get("cleanup.policy"));
		}
	}

	@Test
	void describesEachAvroTopicWithTheSchemaItsValuesAreWrittenWith() {
		Map<String, JsonNode> documented = kafkaChannels();
		for (TopicSpec<?, ?> spec : Topics.ALL) {
			if (!documented.containsKey(spec.name()) || !SpecificRecord.class.isAssignableFrom(spec.valueType())) {
				continue;
			}
			var avro = new HashMap<String, Schema>();
			spec.valueTypes().forEach((type) -> {
				Schema schema = SpecificData.get().getSchema(type);
				avro.put(schema.getName(), schema);
			});
			var names = new ArrayList<String>();
			for (JsonNode message : documented.get(spec.name()).get("messages")) {
				String name = message.get("name").asString();
				names.add(name);
				assertThat(avro).as(spec.name() + " value types").containsKey(name);
				assertThat(message.at("/payload/schemaFormat").asString()).as(spec.name())
					.startsWith("application/vnd.apache.avro");
				assertThat(fields(message.at("/payload/schema"), false)).as(spec.name() + " fields of " + name)
					.isEqualTo(fields(avro.get(name)));
				assertThat(message.at("/bindings/kafka/schemaIdPayloadEncoding").asString()).isEqualTo("confluent");
				// The topic's own type under <topic>-value, any further one under
				// <topic>-<record full name>.
				boolean own = spec.subjectOf(avro.get(name).getFullName()).equals(spec.name() + "-value");
				assertThat(message.at("/bindings/kafka/schemaLookupStrategy").asString()).as(spec.name() + " " + name)
					.isEqualTo(own ? "TopicIdStrategy" : "TopicRecordNameStrategy");
			}
			assertThat(names).as(spec.name() + " messages").containsExactlyInAnyOrderElementsOf(avro.keySet());
		}
	}

	@Test
	void describesTheEventOfAJobAssignedFrameWithEveryFieldOfTheAvroSchema() {
		JsonNode event = parsed.document().at("/components/schemas/jobAssignedJson");

		// The frame carries every field, null ones included.
		assertThat(fields(event, true)).isEqualTo(fields(JobAssigned.getClassSchema()));
	}

	@Test
	void describesTheEventOfAnAssignmentCancelledFrameWithEveryFieldOfTheAvroSchema() {
		JsonNode event = parsed.document().at("/components/schemas/assignmentCancelledJson");

		assertThat(fields(event, true)).isEqualTo(fields(AssignmentCancelled.getClassSchema()));
	}

	/** Channels with a Kafka binding, by topic. */
	private static Map<String, JsonNode> kafkaChannels() {
		var channels = new HashMap<String, JsonNode>();
		parsed.document().get("channels").forEach((channel) -> {
			if (channel.at("/bindings/kafka").isObject()) {
				channels.put(channel.get("address").asString(), channel);
			}
		});
		return channels;
	}

	/**
	 * The field names of a JSON Schema, nested objects and array items included; with
	 * {@code allRequired}, checks that every field is required.
	 */
	private static Object fields(JsonNode schema, boolean allRequired) {
		if (schema.has("properties")) {
			if (allRequired) {
				assertThat(StreamSupport.stream(schema.get("required").spliterator(), false).map(JsonNode::asString))
					.as("required")
					.containsExactlyInAnyOrderElementsOf(schema.get("properties").propertyNames());
			}
			var fields = new HashMap<String, Object>();
			schema.get("properties")
				.properties()
				.forEach((field) -> fields.put(field.getKey(), fields(field.getValue(), allRequired)));
			return fields;
		}
		return schema.has("items") ? fields(schema.get("items"), allRequired) : "";
	}

	/** The same of an Avro schema. */
	private static Object fields(Schema schema) {
		return switch (schema.getType()) {
			case RECORD -> {
				var fields = new HashMap<String, Object>();
				schema.getFields().forEach((field) -> fields.put(field.name(), fields(field.schema())));
				yield fields;
			}
			case ARRAY -> fields(schema.getElementType());
			case UNION -> schema.getTypes()
				.stream()
				.filter((branch) -> branch.getType() != Schema.Type.NULL)
				.findFirst()
				.map(AsyncApiDocumentIntegrationTests::fields)
				.orElse("");
			default -> "";
		};
	}

}
