package com.fieldservice.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.SchemaParser;
import io.apicurio.registry.resolver.SchemaResolver;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.resolver.strategy.ArtifactReferenceResolverStrategy;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.serde.data.SerdeMetadata;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

class AvroSerdesTests {

	@Test
	void resolvesTheSubjectOfEveryValueTypeOfATopicAhead() {
		var serializer = new AvroKafkaSerializer<SpecificRecord>();
		serializer.configure(AvroSerdes.config("http://127.0.0.1:9"), false);
		var subjects = new ArrayList<String>();
		serializer.setSchemaResolver(new RecordingResolver(subjects));

		AvroSerdes.resolveValueSchemas(serializer, Topics.DISPATCHER_NOTIFICATIONS);
		AvroSerdes.resolveValueSchemas(serializer, Topics.EVENT_ROUTED);

		assertThat(subjects).containsExactly("notifications.dispatcher.v1-value",
				"notifications.dispatcher.v1-com.fieldservice.events.AssignmentCancelled",
				"job-assigned.routed.v1-value");
	}

	/** Names the subject each lookup is for, as the serializer's own strategy would. */
	private record RecordingResolver(List<String> subjects) implements SchemaResolver<Schema, SpecificRecord> {

		@Override
		public SchemaLookupResult<Schema> resolveSchema(Record<SpecificRecord> data) {
			Schema schema = data.payload().getSchema();
			var metadata = (SerdeMetadata) data.metadata();
			this.subjects.add(SubjectNaming.subject(metadata.getTopic(), schema));
			// The caller only wants the lookup made.
			return null;
		}

		@Override
		public void setClientFacade(RegistryClientFacade client) {
		}

		@Override
		public void setArtifactResolverStrategy(ArtifactReferenceResolverStrategy<Schema, SpecificRecord> strategy) {
		}

		@Override
		public SchemaParser<Schema, SpecificRecord> getSchemaParser() {
			return null;
		}

		@Override
		public SchemaLookupResult<Schema> resolveSchemaByArtifactReference(ArtifactReference reference) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void reset() {
		}

		@Override
		public void close() {
		}

	}

}
