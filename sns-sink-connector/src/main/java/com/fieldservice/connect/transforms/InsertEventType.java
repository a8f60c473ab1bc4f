package com.fieldservice.connect.transforms;

import java.util.Map;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Adds the simple name of a record value's schema ({@code JobAssigned} for
 * {@code com.fieldservice.events.JobAssigned}) as a string field, so that a sink can
 * route by event type: Iceberg's sink routes only by a field's value, and a topic carries
 * several event types. Values that are not a named Struct pass unchanged.
 *
 * <p>
 * Kafka's own InsertField adds only a constant, and no predicate it ships tests a
 * schema's name.
 */
public class InsertEventType<R extends ConnectRecord<R>> implements Transformation<R> {

	public static final String FIELD_CONFIG = "field";

	private static final ConfigDef CONFIG = new ConfigDef().define(FIELD_CONFIG, ConfigDef.Type.STRING, "eventType",
			new ConfigDef.NonEmptyString(), ConfigDef.Importance.MEDIUM,
			"Name of the field that receives the value schema's simple name.");

	private final Cache<Schema, Schema> withField = new SynchronizedCache<>(new LRUCache<>(16));

	private String field;

	@Override
	public void configure(Map<String, ?> configs) {
		this.field = new AbstractConfig(CONFIG, configs).getString(FIELD_CONFIG);
	}

	@Override
	public R apply(R record) {
		if (!(record.value() instanceof Struct value) || value.schema().name() == null) {
			return record;
		}
		Schema schema = this.withField.get(value.schema());
		if (schema == null) {
			schema = withField(value.schema());
			this.withField.put(value.schema(), schema);
		}
		var updated = new Struct(schema);
		for (Field field : value.schema().fields()) {
			updated.put(field.name(), value.get(field));
		}
		updated.put(this.field, simpleName(value.schema().name()));
		return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema,
				updated, record.timestamp(), record.headers());
	}

	private Schema withField(Schema schema) {
		if (schema.field(this.field) != null) {
			throw new DataException("The value of " + schema.name() + " already has a field " + this.field);
		}
		SchemaBuilder builder = SchemaBuilder.struct().name(schema.name()).version(schema.version()).doc(schema.doc());
		if (schema.parameters() != null) {
			builder.parameters(schema.parameters());
		}
		if (schema.isOptional()) {
			builder.optional();
		}
		schema.fields().forEach((field) -> builder.field(field.name(), field.schema()));
		builder.field(this.field, Schema.STRING_SCHEMA);
		return builder.build();
	}

	static String simpleName(String name) {
		return name.substring(name.lastIndexOf('.') + 1);
	}

	@Override
	public ConfigDef config() {
		return CONFIG;
	}

	@Override
	public void close() {
	}

}
