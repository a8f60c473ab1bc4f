package com.fieldservice.connect.sns;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Turns configured value fields, and the value schema's simple name as {@code eventType},
 * into SNS message attributes that subscription filter policies can match.
 */
final class MessageAttributeMapper {

	static final String STRING = "String";

	static final String NUMBER = "Number";

	static final String STRING_ARRAY = "String.Array";

	private final List<FieldPath> fields;

	private final boolean eventType;

	MessageAttributeMapper(List<FieldPath> fields, boolean eventType) {
		this.fields = List.copyOf(fields);
		this.eventType = eventType;
	}

	/**
	 * @throws DataException when a configured field holds something SNS attributes cannot
	 * carry (a record, a map, bytes)
	 */
	Map<String, MessageAttributeValue> attributes(SinkRecord record) {
		Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
		if (this.eventType) {
			eventType(record.valueSchema())
				.ifPresent((type) -> attributes.put(SnsSinkConfig.EVENT_TYPE_ATTRIBUTE, attribute(STRING, type)));
		}
		for (FieldPath field : this.fields) {
			field.read(record.valueSchema(), record.value())
				.flatMap((value) -> attribute(field, value))
				.ifPresent((attribute) -> attributes.put(field.name(), attribute));
		}
		return attributes;
	}

	/**
	 * {@code JobAssigned} for a schema named {@code com.fieldservice.events.JobAssigned}.
	 */
	static Optional<String> eventType(Schema schema) {
		if (schema == null || schema.name() == null || schema.name().isBlank()) {
			return Optional.empty();
		}
		String name = schema.name();
		return Optional.of(name.substring(name.lastIndexOf('.') + 1));
	}

	private static Optional<MessageAttributeValue> attribute(FieldPath path, SchemaAndValue read) {
		Object value = read.value();
		return switch (value) {
			// SNS refuses an empty String attribute; leaving it out is what a filter on
			// it
			// would see for a missing value anyway.
			case String text when text.isEmpty() -> Optional.empty();
			case String text -> Optional.of(attribute(STRING, text));
			case Boolean bool -> Optional.of(attribute(STRING, bool.toString()));
			case java.util.Date date ->
				Optional.of(attribute(STRING, StructJsonWriter.temporalText(read.schema(), date)));
			case Number number -> numberText(number).map((text) -> attribute(NUMBER, text));
			case List<?> list -> Optional.of(attribute(STRING_ARRAY, arrayText(path, list)));
			default -> throw unsupported(path, value);
		};
	}

	/** SNS reads numbers as decimal text; exponents and NaN are not accepted. */
	private static Optional<String> numberText(Number number) {
		if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
			return Optional.empty();
		}
		return switch (number) {
			case BigDecimal decimal -> Optional.of(decimal.toPlainString());
			case Double d -> Optional.of(BigDecimal.valueOf(d).toPlainString());
			case Float f -> Optional.of(new BigDecimal(f.toString()).toPlainString());
			default -> Optional.of(number.toString());
		};
	}

	/**
	 * A String.Array attribute is the JSON text of an array of strings, numbers, booleans
	 * and nulls.
	 */
	private static String arrayText(FieldPath path, List<?> list) {
		for (Object element : list) {
			if (element != null
					&& !(element instanceof String || element instanceof Number || element instanceof Boolean)) {
				throw unsupported(path, element);
			}
		}
		return StructJsonWriter.write(null, list);
	}

	private static DataException unsupported(FieldPath path, Object value) {
		return new DataException("Message attribute field '" + path + "' holds a " + value.getClass().getSimpleName()
				+ "; SNS message attributes take strings, numbers, booleans and arrays of them");
	}

	private static MessageAttributeValue attribute(String dataType, String value) {
		return MessageAttributeValue.builder().dataType(dataType).stringValue(value).build();
	}

}
