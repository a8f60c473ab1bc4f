package com.fieldservice.connect.sns;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka Connect sink that publishes each record's value as a JSON message to an AWS SNS
 * topic: the configuration keys, their definitions and checks, and the task to run.
 */
public class SnsSinkConnector extends SinkConnector {

	static final String SNS_TOPIC_ARN_CONFIG = "sns.topic.arn";

	static final String SNS_TOPIC_ARN_FIELD_CONFIG = "sns.topic.arn.field";

	static final String SNS_FIFO_DEDUPLICATION_ID_FIELD_CONFIG = "sns.fifo.deduplication.id.field";

	static final String MESSAGE_ATTRIBUTES_CONFIG = "message.attributes";

	static final String MESSAGE_ATTRIBUTES_EVENT_TYPE_CONFIG = "message.attributes.event.type.enabled";

	static final String BATCH_MAX_ENTRIES_CONFIG = "batch.max.entries";

	static final String BATCH_MAX_BYTES_CONFIG = "batch.max.bytes";

	static final String MAX_RETRIES_CONFIG = "max.retries";

	static final String MAX_CALL_RETRIES_CONFIG = "max.call.retries";

	static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";

	static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";

	static final String AWS_REGION_CONFIG = "aws.region";

	static final String AWS_ENDPOINT_OVERRIDE_CONFIG = "aws.endpoint.override";

	static final String AWS_ACCESS_KEY_ID_CONFIG = "aws.access.key.id";

	static final String AWS_SECRET_ACCESS_KEY_CONFIG = "aws.secret.access.key";

	static final String AWS_API_CALL_TIMEOUT_MS_CONFIG = "aws.api.call.timeout.ms";

	/** The SNS limit on entries in one PublishBatch call. */
	static final int SNS_MAX_BATCH_ENTRIES = 10;

	/** The SNS limit on a message and on a batch, unless the topic raises it. */
	static final int SNS_DEFAULT_MAX_PAYLOAD_BYTES = 262_144;

	/** The largest MaximumMessageSize a topic can be given. */
	static final int SNS_LARGEST_MAX_PAYLOAD_BYTES = 1_048_576;

	/** The SNS limit on message attributes per message. */
	static final int SNS_MAX_MESSAGE_ATTRIBUTES = 10;

	private static final String TOPIC_GROUP = "SNS topic";

	private static final String MESSAGE_GROUP = "Message";

	private static final String DELIVERY_GROUP = "Batching and retries";

	private static final String AWS_GROUP = "AWS client";

	static final ConfigDef CONFIG_DEF = new ConfigDef().define(SNS_TOPIC_ARN_CONFIG, Type.STRING, null,
			ConfigValidators.TOPIC_ARN, Importance.HIGH,
			"ARN of the SNS topic every record is published to, e.g. arn:aws:sns:eu-west-1:123456789012:job-assigned."
					+ " A topic whose name ends in .fifo is a FIFO topic. Set exactly one of this and "
					+ SNS_TOPIC_ARN_FIELD_CONFIG + ".",
			TOPIC_GROUP, 1, Width.LONG, "Topic ARN")
		.define(SNS_TOPIC_ARN_FIELD_CONFIG, Type.STRING, null, ConfigValidators.FIELD_PATH, Importance.HIGH,
				"Path of the value field (e.g. routing.topicArn) that holds each record's topic ARN, for records that"
						+ " go to different topics. A record without a valid ARN there goes to the dead letter queue."
						+ " Set exactly one of this and " + SNS_TOPIC_ARN_CONFIG + ".",
				TOPIC_GROUP, 2, Width.MEDIUM, "Topic ARN field")
		.define(SNS_FIFO_DEDUPLICATION_ID_FIELD_CONFIG, Type.STRING, "eventId", ConfigValidators.FIELD_PATH,
				Importance.MEDIUM,
				"For FIFO topics: path of the value field whose value becomes the MessageDeduplicationId, so SNS"
						+ " drops a record published again within its five-minute deduplication window. The"
						+ " MessageGroupId is the record key, which keeps each key's messages in order. A record"
						+ " without a usable id (1 to 128 printable ASCII characters) goes to the dead letter queue.",
				TOPIC_GROUP, 3, Width.MEDIUM, "FIFO deduplication id field")
		.define(MESSAGE_ATTRIBUTES_CONFIG, Type.LIST, "", ConfigValidators.FIELD_PATHS, Importance.MEDIUM,
				"Comma-separated paths of value fields to copy into SNS message attributes, for subscription filter"
						+ " policies, e.g. contractorId,dispatchGroups,job.jobType. The attribute is named after the"
						+ " last segment of the path. Strings and booleans become String attributes, numbers Number,"
						+ " arrays of strings, numbers or booleans String.Array; null or absent fields are left out."
						+ " At most " + SNS_MAX_MESSAGE_ATTRIBUTES + " attributes in all, eventType included.",
				MESSAGE_GROUP, 1, Width.LONG, "Message attributes")
		.define(MESSAGE_ATTRIBUTES_EVENT_TYPE_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
				"Whether to add an eventType String attribute holding the simple name of the value schema (JobAssigned"
						+ " for com.fieldservice.events.JobAssigned), so subscribers can filter on the kind of event.",
				MESSAGE_GROUP, 2, Width.SHORT, "eventType attribute")
		.define(BATCH_MAX_ENTRIES_CONFIG, Type.INT, SNS_MAX_BATCH_ENTRIES, Range.between(1, SNS_MAX_BATCH_ENTRIES),
				Importance.LOW,
				"Most messages in one PublishBatch call (SNS allows at most " + SNS_MAX_BATCH_ENTRIES + ").",
				DELIVERY_GROUP, 1, Width.SHORT, "Batch entries")
		.define(BATCH_MAX_BYTES_CONFIG, Type.INT, SNS_DEFAULT_MAX_PAYLOAD_BYTES,
				Range.between(1024, SNS_LARGEST_MAX_PAYLOAD_BYTES), Importance.LOW,
				"Most bytes of one message and of one PublishBatch call, counted as SNS counts them: the UTF-8 body"
						+ " plus each attribute's name, type and value. A larger message goes to the dead letter queue."
						+ " SNS allows 262144 unless the topic's MaximumMessageSize is raised (up to 1048576).",
				DELIVERY_GROUP, 2, Width.SHORT, "Batch bytes")
		.define(MAX_RETRIES_CONFIG, Type.INT, 10, Range.atLeast(0), Importance.LOW,
				"How many times a message that SNS failed with a retriable error (throttling, an internal error) is"
						+ " sent again before it goes to the dead letter queue.",
				DELIVERY_GROUP, 3, Width.SHORT, "Retries per message")
		.define(MAX_CALL_RETRIES_CONFIG, Type.INT, 3, Range.atLeast(0), Importance.LOW,
				"How many times a PublishBatch call that failed as a whole (SNS unreachable, timed out, throttled or"
						+ " answering 5xx) is repeated within one put before the task asks the worker to pause and"
						+ " redeliver the same records. Messages SNS already accepted are not published twice.",
				DELIVERY_GROUP, 4, Width.SHORT, "Retries per call")
		.define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, 100L, Range.atLeast(1), Importance.LOW,
				"Base of the exponential backoff between retries, in milliseconds; each wait is a random time up to"
						+ " this doubled per retry (full jitter), capped by " + RETRY_BACKOFF_MAX_MS_CONFIG + ".",
				DELIVERY_GROUP, 5, Width.SHORT, "Retry backoff (ms)")
		.define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW,
				"Cap of the backoff between retries, in milliseconds; also how long the worker waits before it"
						+ " redelivers records after SNS was unavailable. At least " + RETRY_BACKOFF_MS_CONFIG + ".",
				DELIVERY_GROUP, 6, Width.SHORT, "Retry backoff cap (ms)")
		.define(AWS_REGION_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.REGION, Importance.HIGH,
				"AWS region of the SNS topic, e.g. eu-west-1.", AWS_GROUP, 1, Width.SHORT, "Region")
		.define(AWS_ENDPOINT_OVERRIDE_CONFIG, Type.STRING, null, ConfigValidators.ENDPOINT, Importance.LOW,
				"SNS endpoint to call instead of the region's public one, e.g. an emulator (http://127.0.0.1:4566) or a"
						+ " VPC endpoint. Empty means the region's endpoint.",
				AWS_GROUP, 2, Width.LONG, "Endpoint override")
		.define(AWS_ACCESS_KEY_ID_CONFIG, Type.STRING, null, Importance.MEDIUM,
				"Access key id of static credentials, together with " + AWS_SECRET_ACCESS_KEY_CONFIG
						+ ". When both are empty the AWS default credential chain is used (environment, system"
						+ " properties, web identity, profile, container and instance credentials), which is"
						+ " preferred outside tests.",
				AWS_GROUP, 3, Width.MEDIUM, "Access key id")
		.define(AWS_SECRET_ACCESS_KEY_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
				"Secret access key of static credentials, together with " + AWS_ACCESS_KEY_ID_CONFIG + ".", AWS_GROUP,
				4, Width.MEDIUM, "Secret access key")
		.define(AWS_API_CALL_TIMEOUT_MS_CONFIG, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
				"Longest one PublishBatch call may take, connecting included, in milliseconds; a call that takes"
						+ " longer counts as SNS being unavailable.",
				AWS_GROUP, 5, Width.SHORT, "API call timeout (ms)");

	private Map<String, String> props;

	@Override
	public String version() {
		return Version.get();
	}

	@Override
	public void start(Map<String, String> props) {
		// Fails the connector, not only its tasks, on a configuration the checks reject.
		new SnsSinkConfig(props);
		this.props = props;
	}

	@Override
	public Class<? extends Task> taskClass() {
		return SnsSinkTask.class;
	}

	@Override
	public List<Map<String, String>> taskConfigs(int maxTasks) {
		// Every task does the same work on the partitions the worker assigns it.
		return Collections.nCopies(maxTasks, Map.copyOf(props));
	}

	@Override
	public void stop() {
		// Nothing runs in the connector itself: the tasks hold the SNS clients.
	}

	@Override
	public ConfigDef config() {
		return CONFIG_DEF;
	}

	/**
	 * Adds the checks that span several keys (one topic source, both parts of static
	 * credentials, attribute limits) to the per-key ones of the {@link ConfigDef}.
	 */
	@Override
	public Config validate(Map<String, String> connectorConfigs) {
		Config config = super.validate(connectorConfigs);
		Map<String, ConfigValue> values = config.configValues()
			.stream()
			.collect(Collectors.toMap(ConfigValue::name, Function.identity(), (first, second) -> first));
		boolean keysValid = CONFIG_DEF.names()
			.stream()
			.map(values::get)
			.allMatch((value) -> value == null || value.errorMessages().isEmpty());
		if (keysValid) {
			SnsSinkConfig.unchecked(connectorConfigs)
				.problems()
				.forEach((key, messages) -> messages.forEach(values.get(key)::addErrorMessage));
		}
		return config;
	}

}
