package com.fieldservice.connect.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

class SnsSinkConnectorTests {

	private final SnsSinkConnector connector = new SnsSinkConnector();

	private static Map<String, String> config(String... overrides) {
		Map<String, String> config = new HashMap<>();
		config.put("connector.class", SnsSinkConnector.class.getName());
		config.put("topics", "job-assigned.v1");
		config.put(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, "arn:aws:sns:eu-west-1:123456789012:job-assigned");
		config.put(SnsSinkConnector.AWS_REGION_CONFIG, "eu-west-1");
		for (int i = 0; i < overrides.length; i += 2) {
			config.put(overrides[i], overrides[i + 1]);
		}
		return config;
	}

	/** Every error message, by key. */
	private Map<String, List<String>> errors(Map<String, String> config) {
		Map<String, List<String>> errors = new HashMap<>();
		for (ConfigValue value : this.connector.validate(config).configValues()) {
			if (!value.errorMessages().isEmpty()) {
				errors.put(value.name(), value.errorMessages());
			}
		}
		return errors;
	}

	@Test
	void acceptsATopicAndARegion() {
		assertThat(errors(config())).isEmpty();
	}

	@Test
	void acceptsEveryKeySetSensibly() {
		assertThat(errors(config(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG,
				"arn:aws:sns:us-east-1:000000000000:job-assigned.fifo", SnsSinkConnector.MESSAGE_ATTRIBUTES_CONFIG,
				"contractorId, dispatchGroups, job.jobType", SnsSinkConnector.BATCH_MAX_ENTRIES_CONFIG, "5",
				SnsSinkConnector.BATCH_MAX_BYTES_CONFIG, "1048576", SnsSinkConnector.AWS_ENDPOINT_OVERRIDE_CONFIG,
				"http://127.0.0.1:4566", SnsSinkConnector.AWS_ACCESS_KEY_ID_CONFIG, "test",
				SnsSinkConnector.AWS_SECRET_ACCESS_KEY_CONFIG, "secret")))
			.isEmpty();
	}

	@Test
	void readsAnEmptyPlaceholderAsNotSet() {
		assertThat(errors(config(SnsSinkConnector.AWS_ENDPOINT_OVERRIDE_CONFIG, "",
				SnsSinkConnector.AWS_ACCESS_KEY_ID_CONFIG, "", SnsSinkConnector.AWS_SECRET_ACCESS_KEY_CONFIG, "")))
			.isEmpty();
	}

	@Nested
	class RejectsAConfiguration {

		private Map<String, List<String>> errors(String... overrides) {
			return SnsSinkConnectorTests.this.errors(config(overrides));
		}

		@Test
		void withoutATopic() {
			assertThat(errors(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, "")).containsOnlyKeys("sns.topic.arn")
				.extractingByKey("sns.topic.arn")
				.asString()
				.contains("Set exactly one of sns.topic.arn", "sns.topic.arn.field", "neither is set");
		}

		@Test
		void withBothAFixedTopicAndATopicField() {
			assertThat(errors(SnsSinkConnector.SNS_TOPIC_ARN_FIELD_CONFIG, "route.topicArn"))
				.extractingByKey("sns.topic.arn")
				.asString()
				.contains("both are set");
		}

		@Test
		void withATopicThatIsNotAnArn() {
			assertThat(errors(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, "job-assigned")).extractingByKey("sns.topic.arn")
				.asString()
				.contains("Invalid value job-assigned", "must be an SNS topic ARN such as arn:aws:sns:");
		}

		@Test
		void withAnSqsArnForTheTopic() {
			assertThat(errors(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, "arn:aws:sqs:eu-west-1:123456789012:queue"))
				.containsKey("sns.topic.arn");
		}

		@Test
		void withATopicFieldThatIsNotAFieldPath() {
			assertThat(errors(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, "", SnsSinkConnector.SNS_TOPIC_ARN_FIELD_CONFIG,
					"route..topicArn"))
				.extractingByKey("sns.topic.arn.field")
				.asString()
				.contains("must be a field path");
		}

		@Test
		void withoutARegion() {
			Map<String, String> config = config();
			config.remove(SnsSinkConnector.AWS_REGION_CONFIG);
			assertThat(SnsSinkConnectorTests.this.errors(config)).extractingByKey("aws.region")
				.asString()
				.contains("Missing required configuration \"aws.region\"");
		}

		@Test
		void withARegionThatIsNoRegion() {
			assertThat(errors(SnsSinkConnector.AWS_REGION_CONFIG, "Frankfurt")).extractingByKey("aws.region")
				.asString()
				.contains("must be an AWS region name such as eu-west-1");
		}

		@Test
		void withMoreThanTenEntriesPerBatch() {
			assertThat(errors(SnsSinkConnector.BATCH_MAX_ENTRIES_CONFIG, "11")).extractingByKey("batch.max.entries")
				.asString()
				.contains("Value must be no more than 10");
		}

		@Test
		void withNoEntriesPerBatch() {
			assertThat(errors(SnsSinkConnector.BATCH_MAX_ENTRIES_CONFIG, "0")).extractingByKey("batch.max.entries")
				.asString()
				.contains("Value must be at least 1");
		}

		@Test
		void withBatchesLargerThanAnyTopicTakes() {
			assertThat(errors(SnsSinkConnector.BATCH_MAX_BYTES_CONFIG, "2000000")).extractingByKey("batch.max.bytes")
				.asString()
				.contains("Value must be no more than 1048576");
		}

		@Test
		void withANonPositiveBackoff() {
			assertThat(errors(SnsSinkConnector.RETRY_BACKOFF_MS_CONFIG, "0")).extractingByKey("retry.backoff.ms")
				.asString()
				.contains("Value must be at least 1");
		}

		@Test
		void withABackoffCapBelowTheBase() {
			assertThat(errors(SnsSinkConnector.RETRY_BACKOFF_MS_CONFIG, "500",
					SnsSinkConnector.RETRY_BACKOFF_MAX_MS_CONFIG, "100"))
				.extractingByKey("retry.backoff.max.ms")
				.asString()
				.contains("retry.backoff.max.ms (100) must be at least retry.backoff.ms (500)");
		}

		@Test
		void withNegativeRetries() {
			assertThat(errors(SnsSinkConnector.MAX_RETRIES_CONFIG, "-1")).containsKey("max.retries");
		}

		@Test
		void withAnEndpointThatIsNoUri() {
			assertThat(errors(SnsSinkConnector.AWS_ENDPOINT_OVERRIDE_CONFIG, "localhost:4566"))
				.extractingByKey("aws.endpoint.override")
				.asString()
				.contains("must be an absolute http or https URI with a host");
		}

		@Test
		void withHalfOfStaticCredentials() {
			assertThat(errors(SnsSinkConnector.AWS_ACCESS_KEY_ID_CONFIG, "AKIAEXAMPLE"))
				.extractingByKey("aws.access.key.id")
				.asString()
				.contains("Set both aws.access.key.id and aws.secret.access.key");
		}

		@Test
		void withMoreThanTenAttributes() {
			assertThat(errors(SnsSinkConnector.MESSAGE_ATTRIBUTES_CONFIG, "a,b,c,d,e,f,g,h,i,j"))
				.extractingByKey("message.attributes")
				.asString()
				.contains("at most 10 message attributes; these fields and eventType make 11");
		}

		@Test
		void withTwoAttributesOfTheSameName() {
			assertThat(errors(SnsSinkConnector.MESSAGE_ATTRIBUTES_CONFIG, "job.jobType,jobType"))
				.extractingByKey("message.attributes")
				.asString()
				.contains("Two attributes would be named 'jobType'");
		}

		@Test
		void withAnAttributeThatIsNotAFieldPath() {
			assertThat(errors(SnsSinkConnector.MESSAGE_ATTRIBUTES_CONFIG, "contractorId,job/jobType"))
				.extractingByKey("message.attributes")
				.asString()
				.contains("Invalid value job/jobType", "must be a field path");
		}

		@Test
		void withAFifoTopicButNoDeduplicationIdField() {
			assertThat(errors(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, "arn:aws:sns:eu-west-1:123456789012:jobs.fifo",
					SnsSinkConnector.SNS_FIFO_DEDUPLICATION_ID_FIELD_CONFIG, ""))
				.extractingByKey("sns.fifo.deduplication.id.field")
				.asString()
				.contains("A FIFO topic needs sns.fifo.deduplication.id.field");
		}

	}

	@ParameterizedTest
	@ValueSource(strings = { "sns-sink.json", "sns-sink-fifo.json" })
	void acceptsTheCheckedInConfigurationOnceThePlaceholdersAreFilledIn(String file) throws IOException {
		String json = Files.readString(Path.of("config", file))
			.replace("${SNS_TOPIC_ARN}", "arn:aws:sns:us-east-1:000000000000:job-assigned")
			.replace("${SNS_FIFO_TOPIC_ARN}", "arn:aws:sns:us-east-1:000000000000:job-assigned.fifo")
			.replace("${AWS_REGION}", "us-east-1")
			.replace("${AWS_ENDPOINT_URL_SNS}", "http://127.0.0.1:4566");
		Map<String, String> config = new HashMap<>();
		try (JsonParser parser = JsonFactory.builder().build().createParser(ObjectReadContext.empty(), json)) {
			parser.nextToken();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				config.put(name, parser.getString());
			}
		}
		assertThat(config).containsEntry("topics", "job-assigned.v1")
			.containsEntry("errors.tolerance", "all")
			.containsEntry("errors.deadletterqueue.topic.name", "sns-sink.dlq.v1")
			.doesNotContainKey("value.converter");
		assertThat(errors(config)).isEmpty();
	}

	@Test
	void refusesToStartWithAnInvalidConfiguration() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> this.connector.start(config(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, "")))
			.withMessageContaining("Set exactly one of sns.topic.arn");
	}

	@Test
	void givesEveryTaskTheConnectorConfiguration() {
		Map<String, String> config = config();
		this.connector.start(config);
		assertThat(this.connector.taskConfigs(3)).hasSize(3).containsOnly(config);
	}

	@Test
	void runsSnsSinkTasks() {
		assertThat(this.connector.taskClass()).isEqualTo(SnsSinkTask.class);
	}

	@Test
	void reportsTheVersionOfTheBuild() {
		assertThat(this.connector.version()).matches("\\d+\\.\\d+\\.\\d+.*");
		assertThat(new SnsSinkTask().version()).isEqualTo(this.connector.version());
	}

	@Test
	void documentsEveryKey() {
		assertThat(this.connector.config().configKeys().values())
			.allSatisfy((key) -> assertThat(key.documentation).isNotBlank());
	}

}
