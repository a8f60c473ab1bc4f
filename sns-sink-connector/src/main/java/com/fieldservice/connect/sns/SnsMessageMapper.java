package com.fieldservice.connect.sns;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Makes the SNS message of a sink record, or says why the record can never be published
 * (a {@link DataException}, which sends it to the dead letter queue).
 */
final class SnsMessageMapper {

	/** SNS's rule for FIFO ids: letters, digits and punctuation, at most 128. */
	private static final Pattern FIFO_ID = Pattern.compile("[!-~]{1,128}");

	private final Optional<String> topicArn;

	private final Optional<FieldPath> topicArnField;

	private final Optional<FieldPath> deduplicationIdField;

	private final MessageAttributeMapper attributes;

	private final int maxBytes;

	SnsMessageMapper(SnsSinkConfig config) {
		this.topicArn = config.topicArn();
		this.topicArnField = config.topicArnField();
		this.deduplicationIdField = config.deduplicationIdField();
		this.attributes = new MessageAttributeMapper(config.messageAttributes(), config.eventTypeAttribute());
		this.maxBytes = config.batchMaxBytes();
	}

	/**
	 * @throws DataException when the record cannot be published, with the reason
	 */
	SnsMessage map(SinkRecord record) {
		if (record.value() == null) {
			throw new DataException("The record has no value (a tombstone): there is no message to publish");
		}
		String topicArn = topicArn(record);
		String body = StructJsonWriter.write(record.valueSchema(), record.value());
		Map<String, MessageAttributeValue> attributes = this.attributes.attributes(record);
		int size = SnsMessage.size(body, attributes);
		if (size > this.maxBytes) {
			throw new DataException("The message is " + size + " bytes (JSON body and attributes), over the "
					+ this.maxBytes + " bytes SNS takes in one message");
		}
		if (!TopicArns.isFifo(topicArn)) {
			return new SnsMessage(record, topicArn, body, attributes, null, null, size);
		}
		return new SnsMessage(record, topicArn, body, attributes, messageGroupId(record), deduplicationId(record),
				size);
	}

	private String topicArn(SinkRecord record) {
		if (this.topicArn.isPresent()) {
			return this.topicArn.get();
		}
		FieldPath field = this.topicArnField.orElseThrow();
		Object value = valueAt(field, record);
		if (value instanceof String arn && TopicArns.isValid(arn)) {
			return arn;
		}
		throw new DataException("Field '" + field + "' must hold the SNS topic ARN (such as " + TopicArns.EXAMPLE
				+ ") but holds " + describe(value));
	}

	/** The record key (jobId) as group: SNS keeps each group's messages in order. */
	private static String messageGroupId(SinkRecord record) {
		Object key = record.key();
		if (!(key instanceof String || key instanceof Number || key instanceof Boolean)) {
			throw new DataException(
					"A FIFO topic needs a MessageGroupId, taken from the record key, but the key is " + describe(key));
		}
		return fifoId("MessageGroupId (the record key)", key.toString());
	}

	private String deduplicationId(SinkRecord record) {
		FieldPath field = this.deduplicationIdField
			.orElseThrow(() -> new DataException("A FIFO topic needs a MessageDeduplicationId: set "
					+ SnsSinkConnector.SNS_FIFO_DEDUPLICATION_ID_FIELD_CONFIG));
		Object value = valueAt(field, record);
		if (!(value instanceof String || value instanceof Number)) {
			throw new DataException("A FIFO topic needs a MessageDeduplicationId, taken from field '" + field
					+ "', but it holds " + describe(value));
		}
		return fifoId("MessageDeduplicationId (field '" + field + "')", value.toString());
	}

	private static String fifoId(String what, String id) {
		if (!FIFO_ID.matcher(id).matches()) {
			throw new DataException(what + " '" + abbreviated(id) + "' is not 1 to 128 letters, digits and"
					+ " punctuation characters, as SNS requires");
		}
		return id;
	}

	private static Object valueAt(FieldPath field, SinkRecord record) {
		return field.read(record.valueSchema(), record.value()).map(SchemaAndValue::value).orElse(null);
	}

	private static String describe(Object value) {
		if (value == null) {
			return "nothing (missing or null)";
		}
		return (value instanceof String text) ? "'" + abbreviated(text) + "'" : "a " + value.getClass().getSimpleName();
	}

	private static String abbreviated(String text) {
		return (text.length() <= 140) ? text : text.substring(0, 137) + "...";
	}

}
