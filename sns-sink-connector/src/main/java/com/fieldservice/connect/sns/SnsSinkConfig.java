package com.fieldservice.connect.sns;

import static com.fieldservice.connect.sns.SnsSinkConnector.AWS_ACCESS_KEY_ID_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.AWS_API_CALL_TIMEOUT_MS_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.AWS_ENDPOINT_OVERRIDE_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.AWS_REGION_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.AWS_SECRET_ACCESS_KEY_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.BATCH_MAX_BYTES_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.BATCH_MAX_ENTRIES_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.MAX_CALL_RETRIES_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.MAX_RETRIES_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.MESSAGE_ATTRIBUTES_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.MESSAGE_ATTRIBUTES_EVENT_TYPE_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.RETRY_BACKOFF_MAX_MS_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.RETRY_BACKOFF_MS_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.SNS_FIFO_DEDUPLICATION_ID_FIELD_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.SNS_MAX_MESSAGE_ATTRIBUTES;
import static com.fieldservice.connect.sns.SnsSinkConnector.SNS_TOPIC_ARN_CONFIG;
import static com.fieldservice.connect.sns.SnsSinkConnector.SNS_TOPIC_ARN_FIELD_CONFIG;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's configuration, parsed and checked, with typed getters; empty optional
 * values read as absent.
 */
final class SnsSinkConfig extends AbstractConfig {

	static final String EVENT_TYPE_ATTRIBUTE = "eventType";

	private SnsSinkConfig(Map<String, String> props, boolean checked) {
		// Only a configuration that is used gets logged, not each one validated.
		super(SnsSinkConnector.CONFIG_DEF, props, checked);
		if (checked) {
			Map<String, List<String>> problems = problems();
			if (!problems.isEmpty()) {
				Map.Entry<String, List<String>> first = problems.entrySet().iterator().next();
				throw new ConfigException(first.getKey(), get(first.getKey()), String.join("; ", first.getValue()));
			}
		}
	}

	/**
	 * @throws ConfigException when a key is invalid alone or together with others
	 */
	SnsSinkConfig(Map<String, String> props) {
		this(props, true);
	}

	/** Parses without the checks across keys, so that validation can report them all. */
	static SnsSinkConfig unchecked(Map<String, String> props) {
		return new SnsSinkConfig(props, false);
	}

	/** What is wrong across keys, by the key to report it on. */
	Map<String, List<String>> problems() {
		Map<String, List<String>> problems = new LinkedHashMap<>();
		if (topicArn().isPresent() == topicArnField().isPresent()) {
			problems.put(SNS_TOPIC_ARN_CONFIG,
					List.of("Set exactly one of " + SNS_TOPIC_ARN_CONFIG + " (one topic for all records) and "
							+ SNS_TOPIC_ARN_FIELD_CONFIG + " (a topic per record); "
							+ (topicArn().isPresent() ? "both are set" : "neither is set")));
		}
		if (topicArn().filter(TopicArns::isFifo).isPresent() && deduplicationIdField().isEmpty()) {
			problems.put(SNS_FIFO_DEDUPLICATION_ID_FIELD_CONFIG,
					List.of("A FIFO topic needs " + SNS_FIFO_DEDUPLICATION_ID_FIELD_CONFIG
							+ ": the field that identifies an event, such as eventId"));
		}
		if (accessKeyId().isPresent() != secretAccessKey().isPresent()) {
			problems.put(AWS_ACCESS_KEY_ID_CONFIG, List.of("Set both " + AWS_ACCESS_KEY_ID_CONFIG + " and "
					+ AWS_SECRET_ACCESS_KEY_CONFIG + " for static credentials, or neither for the default chain"));
		}
		if (retryBackoffMaxMs() < retryBackoffMs()) {
			problems.put(RETRY_BACKOFF_MAX_MS_CONFIG, List.of(RETRY_BACKOFF_MAX_MS_CONFIG + " (" + retryBackoffMaxMs()
					+ ") must be at least " + RETRY_BACKOFF_MS_CONFIG + " (" + retryBackoffMs() + ")"));
		}
		List<String> attributeProblems = attributeProblems();
		if (!attributeProblems.isEmpty()) {
			problems.put(MESSAGE_ATTRIBUTES_CONFIG, attributeProblems);
		}
		return problems;
	}

	private List<String> attributeProblems() {
		List<FieldPath> fields = messageAttributes();
		int count = fields.size() + (eventTypeAttribute() ? 1 : 0);
		if (count > SNS_MAX_MESSAGE_ATTRIBUTES) {
			return List.of("SNS takes at most " + SNS_MAX_MESSAGE_ATTRIBUTES + " message attributes; these fields"
					+ (eventTypeAttribute() ? " and eventType" : "") + " make " + count);
		}
		Set<String> names = new HashSet<>();
		if (eventTypeAttribute()) {
			names.add(EVENT_TYPE_ATTRIBUTE);
		}
		for (FieldPath field : fields) {
			if (!names.add(field.name())) {
				return List.of("Two attributes would be named '" + field.name()
						+ "' (an attribute is named after the last part of its path)");
			}
		}
		return List.of();
	}

	Optional<String> topicArn() {
		return optional(SNS_TOPIC_ARN_CONFIG);
	}

	Optional<FieldPath> topicArnField() {
		return optional(SNS_TOPIC_ARN_FIELD_CONFIG).map(FieldPath::parse);
	}

	Optional<FieldPath> deduplicationIdField() {
		return optional(SNS_FIFO_DEDUPLICATION_ID_FIELD_CONFIG).map(FieldPath::parse);
	}

	List<FieldPath> messageAttributes() {
		return getList(MESSAGE_ATTRIBUTES_CONFIG).stream()
			.filter((path) -> !path.isBlank())
			.map(FieldPath::parse)
			.toList();
	}

	boolean eventTypeAttribute() {
		return getBoolean(MESSAGE_ATTRIBUTES_EVENT_TYPE_CONFIG);
	}

	int batchMaxEntries() {
		return getInt(BATCH_MAX_ENTRIES_CONFIG);
	}

	int batchMaxBytes() {
		return getInt(BATCH_MAX_BYTES_CONFIG);
	}

	int maxRetries() {
		return getInt(MAX_RETRIES_CONFIG);
	}

	int maxCallRetries() {
		return getInt(MAX_CALL_RETRIES_CONFIG);
	}

	long retryBackoffMs() {
		return getLong(RETRY_BACKOFF_MS_CONFIG);
	}

	long retryBackoffMaxMs() {
		return getLong(RETRY_BACKOFF_MAX_MS_CONFIG);
	}

	String region() {
		return getString(AWS_REGION_CONFIG).trim();
	}

	Optional<URI> endpointOverride() {
		return optional(AWS_ENDPOINT_OVERRIDE_CONFIG).map(URI::create);
	}

	Optional<String> accessKeyId() {
		return optional(AWS_ACCESS_KEY_ID_CONFIG);
	}

	Optional<Password> secretAccessKey() {
		return Optional.ofNullable(getPassword(AWS_SECRET_ACCESS_KEY_CONFIG))
			.filter((password) -> !password.value().isBlank());
	}

	Duration apiCallTimeout() {
		return Duration.ofMillis(getInt(AWS_API_CALL_TIMEOUT_MS_CONFIG));
	}

	private Optional<String> optional(String key) {
		return Optional.ofNullable(getString(key)).map(String::trim).filter((value) -> !value.isEmpty());
	}

}
