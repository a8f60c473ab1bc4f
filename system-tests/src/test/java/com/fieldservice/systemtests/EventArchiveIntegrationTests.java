package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import tools.jackson.databind.JsonNode;

/**
 * The event archive on a stack of its own (its Connect worker is crashed): every
 * JobAssigned of the canonical topic lands once in the Iceberg table, however often it
 * was sent and whatever happens to the sink, and a new optional field becomes a column
 * that older rows read as null. Read back by the query command, a reader other than the
 * writer.
 */
class EventArchiveIntegrationTests {

	private static final Duration ARCHIVED = Duration.ofSeconds(120);

	private static final Instant MONDAY = Instant.parse("2030-01-07T09:00:00Z");

	static LocalStack stack;

	static AssignmentApi api;

	@BeforeAll
	static void startStack() {
		stack = SystemStack.startInfrastructure();
		stack.startService(LocalStack.ASSIGNMENT_SERVICE);
		stack.startService(LocalStack.NOTIFICATION_STREAMS);
		stack.startConnect();
		api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
	}

	@AfterAll
	static void stopStack() {
		stack.close();
	}

	@Test
	void holdsEveryEventOnceThroughResentCopiesATaskRestartAndAWorkerCrash() throws Exception {
		String contractor = newContractor();
		String group = newGroup();
		var eventIds = new ArrayList<String>();
		assignSome(contractor, group, 20, 0, eventIds);

		// Copies of events already routed, re-sent to the outbox as a relay that crashed
		// would.
		awaitCanonical(eventIds);
		List<JobAssigned> resent = CommittedRecords
			.readAll(stack.kafka().bootstrapServers(), Topics.JOB_ASSIGNED_OUTBOX,
					AvroSerdes.<JobAssigned>valueDeserializer(stack.registry().url()))
			.stream()
			.map(ConsumerRecord::value)
			.filter((event) -> eventIds.contains(event.getEventId().toString()))
			.limit(10)
			.toList();
		try (var outbox = new OutboxWriter(stack.kafka().bootstrapServers(), stack.registry().url())) {
			outbox.publish(resent);
		}
		stack.connect().restartTask("event-archive", 0);
		assignSome(contractor, group, 20, 20, eventIds);

		stack.connect().kill();
		assignSome(contractor, group, 20, 40, eventIds);
		stack.restartConnect();

		var canonical = awaitCanonical(eventIds);
		String query = "SELECT * FROM job_assigned WHERE contractorId = '" + contractor + "'";
		await().atMost(ARCHIVED)
			.pollInterval(Duration.ofSeconds(3))
			.until(() -> ArchiveQueryCommand.sql(stack, query).size() >= eventIds.size());
		List<JsonNode> rows = ArchiveQueryCommand.sql(stack, query);
		assertThat(rows).hasSize(60);
		assertThat(rows.stream().map((row) -> row.get("eventId").asString()))
			.containsExactlyInAnyOrderElementsOf(eventIds);
		for (JsonNode row : rows) {
			assertEqualFieldByField(row, canonical.get(row.get("eventId").asString()));
		}
	}

	@Test
	void aNewOptionalFieldAddsAColumnThatRowsWrittenBeforeItReadAsNull() throws Exception {
		Schema v1 = JobAssigned.getClassSchema();
		Schema v2 = withPriority(v1);
		assertThat(SchemaCompatibility.checkReaderWriterCompatibility(v2, v1).getType())
			.as("v2 reads v1: BACKWARD compatible, as the build's gate requires")
			.isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
		String contractor = newContractor();
		var before = new ArrayList<String>();
		assignSome(contractor, newGroup(), 3, 0, before);
		awaitCanonical(before);

		JobAssigned template = JobAssigned.newBuilder(someEvent(before.getFirst()))
			.setEventId(UUID.randomUUID())
			.build();
		GenericRecord withPriority = toV2(template, v2, "urgent");
		produceV2(withPriority);
		var after = new ArrayList<String>();
		assignSome(contractor, newGroup(), 2, 10, after);

		String query = "SELECT eventId, priority FROM job_assigned WHERE contractorId = '" + contractor + "'";
		await().atMost(ARCHIVED)
			.pollInterval(Duration.ofSeconds(3))
			.until(() -> ArchiveQueryCommand.sql(stack, query).size() >= 6);
		Map<String, JsonNode> priorities = ArchiveQueryCommand.sql(stack, query)
			.stream()
			.collect(Collectors.toMap((row) -> row.get("eventId").asString(), (row) -> row.get("priority")));
		assertThat(priorities).hasSize(6);
		assertThat(priorities.get(template.getEventId().toString()).asString()).isEqualTo("urgent");
		before.forEach((id) -> assertThat(priorities.get(id).isNull()).as("v1 row %s before the change", id).isTrue());
		after.forEach((id) -> assertThat(priorities.get(id).isNull()).as("v1 row %s after the change", id).isTrue());
	}

	private static void assertEqualFieldByField(JsonNode row, ConsumerRecord<String, JobAssigned> record) {
		JobAssigned event = record.value();
		assertThat(row.get("eventId").asString()).isEqualTo(event.getEventId().toString());
		assertThat(row.get("jobId").asString()).isEqualTo(event.getJobId());
		assertThat(row.get("assignmentId").asString()).isEqualTo(event.getAssignmentId());
		assertThat(row.get("contractorId").asString()).isEqualTo(event.getContractorId());
		assertThat(row.get("contractorName").asString()).isEqualTo(event.getContractorName());
		JsonNode slot = row.get("scheduledTimeSlot");
		assertThat(ArchiveQueryCommand.instant(slot.get("start"))).isEqualTo(event.getScheduledTimeSlot().getStart());
		assertThat(ArchiveQueryCommand.instant(slot.get("end"))).isEqualTo(event.getScheduledTimeSlot().getEnd());
		assertThat(slot.get("timeZone").asString()).isEqualTo(event.getScheduledTimeSlot().getTimeZone());
		assertThat(ArchiveQueryCommand.instant(row.get("occurredAt"))).isEqualTo(event.getOccurredAt());
		JsonNode job = row.get("job");
		assertThat(job.get("title").asString()).isEqualTo(event.getJob().getTitle());
		assertThat(job.get("jobType").asString()).isEqualTo(event.getJob().getJobType());
		JsonNode address = job.get("serviceAddress");
		var expectedAddress = event.getJob().getServiceAddress();
		assertThat(address.get("street").asString()).isEqualTo(expectedAddress.getStreet());
		assertThat(address.get("city").asString()).isEqualTo(expectedAddress.getCity());
		assertThat(address.get("postalCode").asString()).isEqualTo(expectedAddress.getPostalCode());
		assertThat(address.get("region").isNull()).isEqualTo(expectedAddress.getRegion() == null);
		assertThat(address.get("country").asString()).isEqualTo(expectedAddress.getCountry());
		assertThat(row.get("dispatchGroups").valueStream().map(JsonNode::asString).toList())
			.isEqualTo(event.getDispatchGroups());
		assertThat(row.get("assignedBy").asString()).isEqualTo(event.getAssignedBy());
		assertThat(row.get("kafka_topic").asString()).isEqualTo(record.topic());
		assertThat(row.get("kafka_partition").asInt()).isEqualTo(record.partition());
		assertThat(row.get("kafka_offset").asLong()).isEqualTo(record.offset());
	}

	/** The canonical topic's records of {@code eventIds}, once each of them is there. */
	private static Map<String, ConsumerRecord<String, JobAssigned>> awaitCanonical(List<String> eventIds) {
		var found = new java.util.concurrent.atomic.AtomicReference<Map<String, ConsumerRecord<String, JobAssigned>>>();
		await().atMost(ARCHIVED).pollInterval(Duration.ofSeconds(1)).until(() -> {
			found.set(CommittedRecords
				.readAll(stack.kafka().bootstrapServers(), Topics.JOB_ASSIGNED,
						AvroSerdes.<JobAssigned>valueDeserializer(stack.registry().url()))
				.stream()
				.filter((record) -> record.value() != null && eventIds.contains(record.value().getEventId().toString()))
				.collect(Collectors.toMap((record) -> record.value().getEventId().toString(), Function.identity())));
			return found.get().keySet().containsAll(eventIds);
		});
		return found.get();
	}

	private static JobAssigned someEvent(String eventId) {
		return awaitCanonical(List.of(eventId)).get(eventId).value();
	}

	private static Schema withPriority(Schema v1) {
		var fields = new ArrayList<Schema.Field>();
		v1.getFields().forEach((field) -> fields.add(new Schema.Field(field, field.schema())));
		fields.add(new Schema.Field("priority",
				Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
				"How urgent the job is.", Schema.Field.NULL_DEFAULT_VALUE));
		return Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
	}

	/**
	 * {@code event} as a v2 record: written with v1 and read back with v2 (Avro's schema
	 * resolution fills {@code priority} with its default), then given a priority.
	 */
	private static GenericRecord toV2(JobAssigned event, Schema v2, String priority) throws IOException {
		var bytes = new ByteArrayOutputStream();
		var encoder = EncoderFactory.get().binaryEncoder(bytes, null);
		new SpecificDatumWriter<JobAssigned>(JobAssigned.getClassSchema()).write(event, encoder);
		encoder.flush();
		var decoder = DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null);
		GenericRecord record = new GenericDatumReader<GenericRecord>(JobAssigned.getClassSchema(), v2).read(null,
				decoder);
		record.put("priority", priority);
		return record;
	}

	private static void produceV2(GenericRecord event) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all");
		var serializer = new AvroKafkaSerializer<GenericRecord>();
		var serdeConfig = new java.util.HashMap<>(AvroSerdes.config(stack.registry().url()));
		serdeConfig.remove("apicurio.registry.use-specific-avro-reader");
		serializer.configure(serdeConfig, false);
		try (var producer = new KafkaProducer<>(config, new StringSerializer(), serializer)) {
			producer.send(new ProducerRecord<>(Topics.JOB_ASSIGNED.name(), event.get("jobId").toString(), event)).get();
		}
	}

	private static void assignSome(String contractor, String group, int count, int firstDay, List<String> eventIds) {
		for (int i = 0; i < count; i++) {
			String job = AssignmentApi.unique("J");
			api.createJob(job, List.of(group));
			Instant start = MONDAY.plus(Duration.ofDays(firstDay + i));
			eventIds.add(AssignmentApi.expect(201, api.assign(job, contractor, start, Duration.ofHours(2), null))
				.get("eventId")
				.asString());
		}
	}

	private static String newContractor() {
		String contractor = AssignmentApi.unique("C");
		api.createContractor(contractor, "Ada Plumbing");
		return contractor;
	}

	private static String newGroup() {
		String group = AssignmentApi.unique("grp");
		api.createGroup(group);
		return group;
	}

}
