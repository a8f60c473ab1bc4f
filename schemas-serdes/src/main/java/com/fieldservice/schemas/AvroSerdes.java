package com.fieldservice.schemas;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.data.SerdeRecord;
import io.apicurio.registry.serde.kafka.KafkaSerializer;
import io.apicurio.registry.serde.kafka.data.KafkaSerdeMetadata;

/**
 * Registry-backed Avro serdes writing Confluent's wire format (magic byte 0, then a
 * 4-byte schema id that the registry's Confluent-compatible API resolves), so Confluent
 * clients can read every topic.
 */
public final class AvroSerdes {

	private static final Logger log = LoggerFactory.getLogger(AvroSerdes.class);

	private AvroSerdes() {
	}

	/**
	 * A schema id names content that never changes, yet Apicurio's serdes look up a
	 * cached schema again every 30 s by default and fail the record when the registry is
	 * down then. Refresh every half hour and keep the cached schema if the refresh fails:
	 * a registry outage means no new schemas, not lost or failed records.
	 */
	private static final Map<String, String> OUTAGE_TOLERANT_CACHE = Map.of("apicurio.registry.check-period-ms",
			"1800000", "apicurio.registry.fault-tolerant-refresh", "true");

	/**
	 * Client configs for Apicurio's serdes against the registry at
	 * {@code registryBaseUrl} (e.g. {@code http://127.0.0.1:8081}).
	 */
	public static Map<String, Object> config(String registryBaseUrl) {
		var config = new HashMap<String, Object>();
		config.put("apicurio.registry.url", registryBaseUrl + "/apis/registry/v3");
		config.put("apicurio.registry.auto-register", true);
		// Re-registering identical content returns the existing id instead of failing.
		config.put("apicurio.registry.auto-register.if-exists", "FIND_OR_CREATE_VERSION");
		// Schema id in the payload, not in headers, as a 4-byte contentId: Confluent's
		// wire format.
		config.put("apicurio.registry.headers.enabled", false);
		config.put("apicurio.registry.id-handler", Default4ByteIdHandler.class.getName());
		config.put("apicurio.registry.use-id", "contentId");
		config.put("apicurio.registry.use-specific-avro-reader", true);
		// Register one self-contained schema per subject, not nested records as separate
		// references.
		config.put("apicurio.registry.dereference-schema", true);
		// One topic carries several record types: each is registered under its own
		// subject.
		config.put("apicurio.registry.artifact-resolver-strategy", SubjectNaming.class.getName());
		config.putAll(OUTAGE_TOLERANT_CACHE);
		return config;
	}

	public static <T extends SpecificRecord> Serde<T> valueSerde(String registryBaseUrl) {
		Serde<T> serde = new AvroSerde<>();
		serde.configure(config(registryBaseUrl), false);
		return serde;
	}

	public static <T extends SpecificRecord> Serializer<T> valueSerializer(String registryBaseUrl) {
		Serializer<T> serializer = new AvroKafkaSerializer<>();
		serializer.configure(config(registryBaseUrl), false);
		return serializer;
	}

	/**
	 * Looks up now, and keeps in {@code serializer}'s cache, the schema of every value
	 * type of {@code topic} (registering it under the topic's subject, as a first write
	 * would), so that the first records written do not wait for the registry: an instance
	 * that takes over work after a failure should spend its first seconds on that work.
	 * Throws when the registry cannot answer; the first write then looks up again, as it
	 * would without this.
	 */
	public static void resolveValueSchemas(Serializer<?> serializer, TopicSpec<?, ?> topic) {
		@SuppressWarnings("unchecked")
		var resolver = ((KafkaSerializer<Schema, Object>) serializer).getSchemaResolver();
		var metadata = new KafkaSerdeMetadata(topic.name(), false, new RecordHeaders());
		for (Class<?> type : topic.valueTypes()) {
			// An empty record of the type: only its schema is read, nothing is written.
			resolver.resolveSchema(new SerdeRecord<>(metadata, SpecificData.newInstance(type, null)));
		}
	}

	/**
	 * {@link #resolveValueSchemas}, for a service starting while the registry may not
	 * answer: a failure is logged, and the first record written looks the schemas up.
	 */
	public static void resolveValueSchemasAhead(Serializer<?> serializer, TopicSpec<?, ?> topic) {
		try {
			resolveValueSchemas(serializer, topic);
		}
		catch (RuntimeException ex) {
			log.warn("Schemas of {} not looked up ahead (its first record will look them up): {}", topic.name(),
					ex.toString());
		}
	}

	public static <T extends SpecificRecord> Deserializer<T> valueDeserializer(String registryBaseUrl) {
		Deserializer<T> deserializer = new AvroKafkaDeserializer<>();
		deserializer.configure(config(registryBaseUrl), false);
		return deserializer;
	}

}
