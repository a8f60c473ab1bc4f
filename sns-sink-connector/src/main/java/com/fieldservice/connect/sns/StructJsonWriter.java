package com.fieldservice.connect.sns;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes a Connect value as the JSON that clients of the system know from the WebSocket
 * push: fields in schema order, nested records as objects, timestamps as ISO-8601 UTC
 * text ({@link java.time.Instant#toString()}), an absent optional field as {@code null}.
 * Generic over schemas, so a new optional field just appears in the output.
 */
final class StructJsonWriter {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private StructJsonWriter() {
	}

	/**
	 * @param schema the value's schema, or null for a schemaless value (maps, lists,
	 * primitives)
	 * @throws DataException when the value does not match its schema
	 */
	static String write(Schema schema, Object value) {
		StringWriter out = new StringWriter();
		try (JsonGenerator json = JSON.createGenerator(out)) {
			write(json, schema, value);
		}
		catch (JacksonException | ClassCastException ex) {
			throw new DataException("Cannot write the record value as JSON: " + ex.getMessage(), ex);
		}
		return out.toString();
	}

	/**
	 * The text of a Connect date, time or timestamp: ISO-8601 in UTC, as Connect's
	 * logical types are defined in UTC.
	 */
	static String temporalText(Schema schema, java.util.Date value) {
		String logicalName = (schema != null) ? schema.name() : null;
		if (Date.LOGICAL_NAME.equals(logicalName)) {
			return LocalDate.ofInstant(value.toInstant(), ZoneOffset.UTC).toString();
		}
		if (Time.LOGICAL_NAME.equals(logicalName)) {
			return LocalTime.ofInstant(value.toInstant(), ZoneOffset.UTC).toString();
		}
		return value.toInstant().toString();
	}

	private static void write(JsonGenerator json, Schema schema, Object value) {
		if (value == null) {
			json.writeNull();
		}
		else if (schema == null) {
			writeSchemaless(json, value);
		}
		else if (value instanceof java.util.Date date) {
			json.writeString(temporalText(schema, date));
		}
		else if (Decimal.LOGICAL_NAME.equals(schema.name())) {
			json.writeNumber((BigDecimal) value);
		}
		else {
			writeTyped(json, schema, value);
		}
	}

	private static void writeTyped(JsonGenerator json, Schema schema, Object value) {
		switch (schema.type()) {
			case INT8, INT16, INT32, INT64 -> json.writeNumber(((Number) value).longValue());
			case FLOAT32 -> json.writeNumber((Float) value);
			case FLOAT64 -> json.writeNumber((Double) value);
			case BOOLEAN -> json.writeBoolean((Boolean) value);
			case STRING -> json.writeString(value.toString());
			case BYTES -> json.writeBinary(bytes(value));
			case ARRAY -> writeArray(json, schema.valueSchema(), (Collection<?>) value);
			case MAP -> writeMap(json, schema.valueSchema(), (Map<?, ?>) value);
			case STRUCT -> writeStruct(json, (Struct) value);
		}
	}

	private static void writeStruct(JsonGenerator json, Struct struct) {
		json.writeStartObject();
		for (Field field : struct.schema().fields()) {
			json.writeName(field.name());
			write(json, field.schema(), struct.get(field));
		}
		json.writeEndObject();
	}

	private static void writeArray(JsonGenerator json, Schema elementSchema, Collection<?> elements) {
		json.writeStartArray();
		for (Object element : elements) {
			write(json, elementSchema, element);
		}
		json.writeEndArray();
	}

	private static void writeMap(JsonGenerator json, Schema valueSchema, Map<?, ?> map) {
		json.writeStartObject();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			json.writeName(String.valueOf(entry.getKey()));
			write(json, valueSchema, entry.getValue());
		}
		json.writeEndObject();
	}

	/**
	 * Values from a converter without schemas, such as JsonConverter with schemas off.
	 */
	private static void writeSchemaless(JsonGenerator json, Object value) {
		switch (value) {
			case Struct struct -> writeStruct(json, struct);
			case Map<?, ?> map -> writeMap(json, null, map);
			case Collection<?> collection -> writeArray(json, null, collection);
			case java.util.Date date -> json.writeString(temporalText(null, date));
			case BigDecimal decimal -> json.writeNumber(decimal);
			case Double number -> json.writeNumber(number);
			case Float number -> json.writeNumber(number);
			case Number number -> json.writeNumber(number.longValue());
			case Boolean bool -> json.writeBoolean(bool);
			case byte[] bytes -> json.writeBinary(bytes);
			case ByteBuffer buffer -> json.writeBinary(bytes(buffer));
			default -> json.writeString(value.toString());
		}
	}

	private static byte[] bytes(Object value) {
		if (value instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return bytes;
		}
		return (byte[]) value;
	}

}
