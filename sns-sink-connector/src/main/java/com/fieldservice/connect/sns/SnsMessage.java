package com.fieldservice.connect.sns;

import java.util.Map;

import org.apache.kafka.connect.sink.SinkRecord;

import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;

/**
 * A record made ready for SNS: its topic, JSON body, attributes, FIFO ids (null for a
 * standard topic) and its size as SNS counts it.
 *
 * @param record the record it was made of, for offsets and the dead letter queue
 * @param topicArn the topic to publish to
 * @param body the message body
 * @param attributes the message attributes
 * @param messageGroupId the FIFO message group id, or null
 * @param deduplicationId the FIFO deduplication id, or null
 * @param size bytes of the body and the attributes' names, types and values
 */
record SnsMessage(SinkRecord record, String topicArn, String body, Map<String, MessageAttributeValue> attributes,
		String messageGroupId, String deduplicationId, int size) {

	SnsMessage {
		attributes = Map.copyOf(attributes);
	}

	PublishBatchRequestEntry toEntry(String id) {
		PublishBatchRequestEntry.Builder entry = PublishBatchRequestEntry.builder()
			.id(id)
			.message(this.body)
			.messageGroupId(this.messageGroupId)
			.messageDeduplicationId(this.deduplicationId);
		if (!this.attributes.isEmpty()) {
			entry.messageAttributes(this.attributes);
		}
		return entry.build();
	}

	/**
	 * Bytes of a message as SNS limits them: the UTF-8 body plus each attribute's name,
	 * data type and value.
	 */
	static int size(String body, Map<String, MessageAttributeValue> attributes) {
		int size = utf8Length(body);
		for (Map.Entry<String, MessageAttributeValue> attribute : attributes.entrySet()) {
			size += utf8Length(attribute.getKey()) + utf8Length(attribute.getValue().dataType())
					+ utf8Length(attribute.getValue().stringValue());
		}
		return size;
	}

	/** Counts without encoding: bodies may be hundreds of kilobytes. */
	static int utf8Length(String text) {
		int length = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length += 1;
			}
			else if (c < 0x800) {
				length += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				length += 4;
				i++;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

}
