package com.fieldservice.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import com.fieldservice.events.AssignmentCancelled;
import com.fieldservice.events.EventRouted;
import com.fieldservice.events.JobAssigned;

import io.apicurio.registry.resolver.ParsedSchemaImpl;
import io.apicurio.registry.serde.data.SerdeMetadata;
import io.apicurio.registry.serde.data.SerdeRecord;

class SubjectNamingTests {

	private final SubjectNaming naming = new SubjectNaming();

	@Test
	void keepsTheTopicsOwnTypeUnderTopicValue() {
		assertThat(subject(Topics.JOB_ASSIGNED.name(), false, JobAssigned.getClassSchema()))
			.isEqualTo("job-assigned.v1-value");
		assertThat(subject(Topics.EVENT_ROUTED.name(), false, EventRouted.getClassSchema()))
			.isEqualTo("job-assigned.routed.v1-value");
	}

	@Test
	void namesAFurtherTypeAfterTopicAndRecord() {
		assertThat(subject(Topics.JOB_ASSIGNED.name(), false, AssignmentCancelled.getClassSchema()))
			.isEqualTo("job-assigned.v1-com.fieldservice.events.AssignmentCancelled");
		assertThat(subject(Topics.CONTRACTOR_NOTIFICATIONS.name(), false, AssignmentCancelled.getClassSchema()))
			.isEqualTo("notifications.contractor.v1-com.fieldservice.events.AssignmentCancelled");
	}

	@Test
	void givesATopicOutsideTheCatalogueTopicValue() {
		assertThat(subject("elsewhere", false, AssignmentCancelled.getClassSchema())).isEqualTo("elsewhere-value");
	}

	@Test
	void namesKeysTopicKey() {
		assertThat(subject(Topics.JOB_ASSIGNED.name(), true, JobAssigned.getClassSchema()))
			.isEqualTo("job-assigned.v1-key");
	}

	@Test
	void answersWhatTheCatalogueSaysForEverySubject() {
		for (TopicSpec<?, ?> topic : Topics.ALL) {
			for (Class<?> type : topic.valueTypes()) {
				if (SpecificRecord.class.isAssignableFrom(type)) {
					Schema schema = SpecificData.get().getSchema(type);
					assertThat(topic.subjects()).contains(subject(topic.name(), false, schema));
				}
			}
		}
	}

	private String subject(String topic, boolean key, Schema schema) {
		var reference = this.naming.artifactReference(new SerdeRecord<>(new SerdeMetadata(topic, key), null),
				new ParsedSchemaImpl<Schema>().setParsedSchema(schema));
		assertThat(reference.getGroupId()).isEqualTo("default");
		return reference.getArtifactId();
	}

}
