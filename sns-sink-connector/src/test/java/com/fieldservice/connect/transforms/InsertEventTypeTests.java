package com.fieldservice.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class InsertEventTypeTests {

	private static final Schema CANCELLED = SchemaBuilder.struct()
		.name("com.fieldservice.events.AssignmentCancelled")
		.version(1)
		.doc("An assignment was cancelled.")
		.field("eventId", Schema.STRING_SCHEMA)
		.field("dispatchGroups", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
		.build();

	private final InsertEventType<SinkRecord> transform = new InsertEventType<>();

	@Test
	void addsTheSimpleNameOfTheValueSchemaAndKeepsEverythingElse() {
		this.transform.configure(Map.of());
		var value = new Struct(CANCELLED).put("eventId", "e-1").put("dispatchGroups", List.of("north"));
		var record = new SinkRecord("job-assigned.v1", 3, Schema.STRING_SCHEMA, "J-1", CANCELLED, value, 42L, 1000L,
				TimestampType.CREATE_TIME);
		record.headers().addString("traceparent", "00-x");

		SinkRecord transformed = this.transform.apply(record);

		var struct = (Struct) transformed.value();
		assertThat(struct.getString("eventType")).isEqualTo("AssignmentCancelled");
		assertThat(struct.getString("eventId")).isEqualTo("e-1");
		assertThat(struct.getArray("dispatchGroups")).containsExactly("north");
		assertThat(transformed.valueSchema().name()).isEqualTo(CANCELLED.name());
		assertThat(transformed.valueSchema().version()).isEqualTo(1);
		assertThat(transformed.valueSchema().field("eventType").schema()).isEqualTo(Schema.STRING_SCHEMA);
		assertThat(transformed.key()).isEqualTo("J-1");
		assertThat(transformed.kafkaOffset()).isEqualTo(42L);
		assertThat(transformed.timestamp()).isEqualTo(1000L);
		assertThat(transformed.headers().lastWithName("traceparent").value()).isEqualTo("00-x");
	}

	@Test
	void writesTheFieldItIsGiven() {
		this.transform.configure(Map.of(InsertEventType.FIELD_CONFIG, "type"));

		var transformed = this.transform
			.apply(record(new Struct(CANCELLED).put("eventId", "e-1").put("dispatchGroups", List.of())));

		assertThat(((Struct) transformed.value()).getString("type")).isEqualTo("AssignmentCancelled");
	}

	@Test
	void passesTombstonesAndUnnamedValuesUnchanged() {
		this.transform.configure(Map.of());
		SinkRecord tombstone = record(null);
		Schema unnamed = SchemaBuilder.struct().field("a", Schema.STRING_SCHEMA).build();
		SinkRecord anonymous = new SinkRecord("t", 0, null, null, unnamed, new Struct(unnamed).put("a", "x"), 0);

		assertThat(this.transform.apply(tombstone)).isSameAs(tombstone);
		assertThat(this.transform.apply(anonymous)).isSameAs(anonymous);
	}

	@Test
	void refusesToOverwriteAFieldOfTheValue() {
		this.transform.configure(Map.of(InsertEventType.FIELD_CONFIG, "eventId"));

		assertThatThrownBy(() -> this.transform
			.apply(record(new Struct(CANCELLED).put("eventId", "e-1").put("dispatchGroups", List.of()))))
			.isInstanceOf(DataException.class)
			.hasMessageContaining("eventId");
	}

	private static SinkRecord record(Struct value) {
		return new SinkRecord("job-assigned.v1", 0, Schema.STRING_SCHEMA, "J-1", (value != null) ? CANCELLED : null,
				value, 0);
	}

}
