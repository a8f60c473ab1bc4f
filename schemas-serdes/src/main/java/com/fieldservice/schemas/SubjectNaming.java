package com.fieldservice.schemas;

import org.apache.avro.Schema;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.resolver.strategy.ArtifactReferenceResolverStrategy;
import io.apicurio.registry.serde.data.SerdeMetadata;

/**
 * The registry subject a serializer registers a record's schema under: the one the topic
 * catalogue gives ({@link TopicSpec#subjectOf}), {@code <topic>-value} for a topic's own
 * type and {@code <topic>-<record full name>} for any further type, as Confluent's
 * TopicNameStrategy and TopicRecordNameStrategy name them. A topic outside the catalogue
 * gets {@code <topic>-value}.
 */
public final class SubjectNaming implements ArtifactReferenceResolverStrategy<Schema, Object> {

	@Override
	public ArtifactReference artifactReference(Record<Object> data, ParsedSchema<Schema> parsedSchema) {
		var metadata = (SerdeMetadata) data.metadata();
		String topic = metadata.getTopic();
		String subject = metadata.isKey() ? topic + "-key" : subject(topic, parsedSchema.getParsedSchema());
		// No group: the default one, where the registry's Confluent-compatible API finds
		// subjects.
		return ArtifactReference.builder().artifactId(subject).build();
	}

	/** The subject of values of {@code topic} written with {@code schema}. */
	public static String subject(String topic, Schema schema) {
		return Topics.named(topic).map((spec) -> spec.subjectOf(schema.getFullName())).orElse(topic + "-value");
	}

}
