package com.fieldservice.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fieldservice.events.AssignmentCancelled;
import com.fieldservice.events.EventRouted;
import com.fieldservice.events.JobAssigned;

/**
 * The build gate for schema evolution: the current schemas must stay BACKWARD compatible
 * (a consumer on the current schema reads data written with every released version) with
 * the releases kept in {@code src/main/resources/released}.
 */
class SchemaCompatibilityTests {

	static Stream<Arguments> releasedVersions() {
		return Stream.of(Arguments.of("JobAssigned-v1.avsc", JobAssigned.getClassSchema()),
				Arguments.of("AssignmentCancelled-v1.avsc", AssignmentCancelled.getClassSchema()),
				Arguments.of("EventRouted-v1.avsc", EventRouted.getClassSchema()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("releasedVersions")
	void currentSchemaReadsEveryReleasedVersion(String released, Schema current) throws IOException {
		Schema writer = released(released);

		var result = SchemaCompatibility.checkReaderWriterCompatibility(current, writer).getResult();

		assertThat(result.getCompatibility()).as(result.getIncompatibilities().toString())
			.isEqualTo(SchemaCompatibilityType.COMPATIBLE);
	}

	@Test
	void detectsABreakingChange() throws IOException {
		// A reader that requires a new field without a default cannot read v1 data: the
		// gate must say so.
		Schema breaking = new Schema.Parser().parse(JobAssigned.getClassSchema()
			.toString()
			.replaceFirst("\\{\"name\":\"assignedBy\"",
					"{\"name\":\"priority\",\"type\":\"int\"},{\"name\":\"assignedBy\""));

		var result = SchemaCompatibility.checkReaderWriterCompatibility(breaking, released("JobAssigned-v1.avsc"));

		assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
	}

	private static Schema released(String file) throws IOException {
		try (InputStream in = SchemaCompatibilityTests.class.getResourceAsStream("/released/" + file)) {
			return new Schema.Parser().parse(in);
		}
	}

}
