package com.fieldservice.connect.sns;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;

/**
 * A dotted path to a field of a record value, such as {@code job.jobType}, read from a
 * Struct or from a schemaless map.
 *
 * @param segments the field names from the outermost in
 */
record FieldPath(List<String> segments) {

	/** Avro's rule for field names, which every event schema of the system follows. */
	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	FieldPath {
		segments = List.copyOf(segments);
	}

	/**
	 * @throws IllegalArgumentException when a segment is not a field name
	 */
	static FieldPath parse(String text) {
		List<String> segments = List.of(text.trim().split("\\.", -1));
		for (String segment : segments) {
			if (!SEGMENT.matcher(segment).matches()) {
				throw new IllegalArgumentException("'" + text
						+ "' is not a field path: it must be field names (letters, digits, underscores) joined by dots");
			}
		}
		return new FieldPath(segments);
	}

	/** The last segment: what a message attribute read from this path is called. */
	String name() {
		return this.segments.getLast();
	}

	/**
	 * The value at this path with its schema; empty when the path is absent from the
	 * schema or a value on the way (or the value itself) is null.
	 */
	Optional<SchemaAndValue> read(Schema schema, Object value) {
		for (String segment : this.segments) {
			if (value instanceof Struct struct) {
				Field field = struct.schema().field(segment);
				if (field == null) {
					return Optional.empty();
				}
				schema = field.schema();
				value = struct.get(field);
			}
			else if (value instanceof Map<?, ?> map) {
				schema = (schema != null) ? schema.valueSchema() : null;
				value = map.get(segment);
			}
			else {
				return Optional.empty();
			}
		}
		return (value != null) ? Optional.of(new SchemaAndValue(schema, value)) : Optional.empty();
	}

	@Override
	public String toString() {
		return String.join(".", this.segments);
	}

}
