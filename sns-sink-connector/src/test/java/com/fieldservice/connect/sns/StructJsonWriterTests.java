package com.fieldservice.connect.sns;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.junit.jupiter.api.Test;

class StructJsonWriterTests {

	@Test
	void writesTimestampsAsInstantPrintsThem() {
		Schema schema = SchemaBuilder.struct()
			.field("whole", org.apache.kafka.connect.data.Timestamp.SCHEMA)
			.field("millis", org.apache.kafka.connect.data.Timestamp.SCHEMA)
			.build();
		Struct value = new Struct(schema).put("whole", Date.from(Instant.parse("2026-03-02T08:00:00Z")))
			.put("millis", Date.from(Instant.parse("2026-03-02T08:00:00.120Z")));
		assertThat(StructJsonWriter.write(schema, value))
			.isEqualTo("{\"whole\":\"2026-03-02T08:00:00Z\",\"millis\":\"2026-03-02T08:00:00.120Z\"}");
	}

	@Test
	void writesDatesTimesDecimalsAndBytes() {
		Schema schema = SchemaBuilder.struct()
			.field("day", org.apache.kafka.connect.data.Date.SCHEMA)
			.field("time", Time.SCHEMA)
			.field("price", Decimal.schema(2))
			.field("blob", Schema.BYTES_SCHEMA)
			.build();
		Struct value = new Struct(schema).put("day", Date.from(Instant.parse("2026-03-02T00:00:00Z")))
			.put("time", Date.from(Instant.parse("1970-01-01T08:30:00Z")))
			.put("price", new BigDecimal("12.50"))
			.put("blob", new byte[] { 1, 2, 3 });
		assertThat(StructJsonWriter.write(schema, value))
			.isEqualTo("{\"day\":\"2026-03-02\",\"time\":\"08:30\",\"price\":12.50,\"blob\":\"AQID\"}");
	}

	@Test
	void writesMapsAndEscapesText() {
		Schema schema = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_FLOAT64_SCHEMA).build();
		Map<String, Double> value = new LinkedHashMap<>();
		value.put("a \"quoted\"\nkey", 1.5);
		value.put("none", null);
		assertThat(StructJsonWriter.write(schema, value)).isEqualTo("{\"a \\\"quoted\\\"\\nkey\":1.5,\"none\":null}");
	}

	@Test
	void writesSchemalessValues() {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("id", "e-1");
		value.put("count", 3);
		value.put("tags", List.of("x", true));
		value.put("at", Date.from(Instant.parse("2026-03-02T08:00:00Z")));
		assertThat(StructJsonWriter.write(null, value))
			.isEqualTo("{\"id\":\"e-1\",\"count\":3,\"tags\":[\"x\",true],\"at\":\"2026-03-02T08:00:00Z\"}");
	}

}
