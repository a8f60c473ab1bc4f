package com.fieldservice.connect.sns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * JobAssigned records as the worker hands them to the task after Apicurio's
 * AvroConverter: a Struct of the Avro schema, timestamps as Connect Timestamps, the key a
 * jobId string.
 */
final class JobAssignedRecords {

	static final String TOPIC = "job-assigned.v1";

	static final Schema TIME_SLOT = SchemaBuilder.struct()
		.name("com.fieldservice.events.TimeSlot")
		.field("start", Timestamp.SCHEMA)
		.field("end", Timestamp.SCHEMA)
		.field("timeZone", Schema.STRING_SCHEMA)
		.build();

	static final Schema SERVICE_ADDRESS = SchemaBuilder.struct()
		.name("com.fieldservice.events.ServiceAddress")
		.field("street", Schema.STRING_SCHEMA)
		.field("city", Schema.STRING_SCHEMA)
		.field("postalCode", Schema.STRING_SCHEMA)
		.field("region", Schema.OPTIONAL_STRING_SCHEMA)
		.field("country", Schema.STRING_SCHEMA)
		.build();

	static final Schema JOB_DETAILS = SchemaBuilder.struct()
		.name("com.fieldservice.events.JobDetails")
		.field("title", Schema.STRING_SCHEMA)
		.field("jobType", Schema.STRING_SCHEMA)
		.field("serviceAddress", SERVICE_ADDRESS)
		.build();

	private JobAssignedRecords() {
	}

	static Builder aJobAssigned() {
		return new Builder();
	}

	/** Builds one record; every field has a plausible default. */
	static final class Builder {

		private int partition;

		private long offset;

		private Object key = "job-42";

		private String eventId = "0f8b2d4e-3c6a-4f1e-9b7d-2a5c8e1f6b3d";

		private String contractorName = "Ada Lovelace";

		private String region;

		private List<String> dispatchGroups = List.of("d3", "d5");

		private final Map<String, Schema> extraSchemas = new LinkedHashMap<>();

		private final Map<String, Object> extraValues = new LinkedHashMap<>();

		Builder at(int partition, long offset) {
			this.partition = partition;
			this.offset = offset;
			return this;
		}

		Builder withKey(Object key) {
			this.key = key;
			return this;
		}

		Builder withEventId(String eventId) {
			this.eventId = eventId;
			return this;
		}

		Builder withContractorName(String contractorName) {
			this.contractorName = contractorName;
			return this;
		}

		Builder withRegion(String region) {
			this.region = region;
			return this;
		}

		Builder withDispatchGroups(String... dispatchGroups) {
			this.dispatchGroups = List.of(dispatchGroups);
			return this;
		}

		/** A field the schema gained after JobAssigned v1, appended at the end. */
		Builder withExtraField(String name, Schema schema, Object value) {
			this.extraSchemas.put(name, schema);
			this.extraValues.put(name, value);
			return this;
		}

		Schema schema() {
			SchemaBuilder schema = SchemaBuilder.struct()
				.name("com.fieldservice.events.JobAssigned")
				.field("eventId", Schema.STRING_SCHEMA)
				.field("jobId", Schema.STRING_SCHEMA)
				.field("assignmentId", Schema.STRING_SCHEMA)
				.field("contractorId", Schema.STRING_SCHEMA)
				.field("contractorName", Schema.STRING_SCHEMA)
				.field("scheduledTimeSlot", TIME_SLOT)
				.field("occurredAt", Timestamp.SCHEMA)
				.field("job", JOB_DETAILS)
				.field("dispatchGroups", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
				.field("assignedBy", Schema.STRING_SCHEMA);
			this.extraSchemas.forEach(schema::field);
			return schema.build();
		}

		Struct value() {
			Schema schema = schema();
			Struct address = new Struct(SERVICE_ADDRESS).put("street", "Hauptstraße 5")
				.put("city", "Berlin")
				.put("postalCode", "10115")
				.put("region", this.region)
				.put("country", "DE");
			Struct value = new Struct(schema).put("eventId", this.eventId)
				.put("jobId", "job-42")
				.put("assignmentId", "asg-7")
				.put("contractorId", "c-7")
				.put("contractorName", this.contractorName)
				.put("scheduledTimeSlot",
						new Struct(TIME_SLOT).put("start", date("2026-03-02T08:00:00Z"))
							.put("end", date("2026-03-02T10:30:00Z"))
							.put("timeZone", "Europe/Berlin"))
				.put("occurredAt", date("2026-03-01T17:45:12.345Z"))
				.put("job",
						new Struct(JOB_DETAILS).put("title", "Replace boiler valve")
							.put("jobType", "HVAC_REPAIR")
							.put("serviceAddress", address))
				.put("dispatchGroups", new ArrayList<>(this.dispatchGroups))
				.put("assignedBy", "dispatcher-1");
			this.extraValues.forEach(value::put);
			value.validate();
			return value;
		}

		SinkRecord record() {
			Struct value = value();
			return new SinkRecord(TOPIC, this.partition, Schema.OPTIONAL_STRING_SCHEMA, this.key, value.schema(), value,
					this.offset);
		}

		private static Date date(String instant) {
			return Date.from(Instant.parse(instant));
		}

	}

}
