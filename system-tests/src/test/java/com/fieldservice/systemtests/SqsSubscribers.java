package com.fieldservice.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import com.fieldservice.stack.SnsEmulator;
import com.fieldservice.testsupport.EmulatorAws;
import com.fieldservice.testsupport.AssignmentApi;

import tools.jackson.databind.JsonNode;

/**
 * AWS subscribers of the SNS topics, as an AWS team would set them up: SQS queues of the
 * test's own, subscribed with raw delivery and an optional filter policy, read with the
 * AWS SDK against the stack's emulator.
 */
final class SqsSubscribers implements AutoCloseable {

	private final SnsClient sns;

	private final SqsClient sqs;

	SqsSubscribers(SnsEmulator emulator) {
		this.sns = EmulatorAws.sns(emulator.endpoint());
		this.sqs = EmulatorAws.sqs(emulator.endpoint());
	}

	/**
	 * A new queue subscribed to SNS topic {@code topic} with raw message delivery,
	 * filtered by {@code filterPolicy} on message attributes (null: every message);
	 * returns its URL.
	 */
	String subscribe(String topic, String filterPolicy) {
		boolean fifo = topic.endsWith(".fifo");
		String name = AssignmentApi.unique("test-queue") + (fifo ? ".fifo" : "");
		Map<QueueAttributeName, String> queueAttributes = fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true")
				: Map.of();
		String queueUrl = this.sqs.createQueue((queue) -> queue.queueName(name).attributes(queueAttributes)).queueUrl();
		String queueArn = this.sqs
			.getQueueAttributes(
					(attributes) -> attributes.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
			.attributes()
			.get(QueueAttributeName.QUEUE_ARN);
		var subscription = new HashMap<String, String>(Map.of("RawMessageDelivery", "true"));
		if (filterPolicy != null) {
			subscription.put("FilterPolicy", filterPolicy);
		}
		this.sns.subscribe((subscribe) -> subscribe.topicArn(SnsEmulator.topicArn(topic))
			.protocol("sqs")
			.endpoint(queueArn)
			.attributes(subscription));
		return queueUrl;
	}

	/**
	 * Every message that arrives in the queue until {@code expected} have come and then
	 * {@code quiet} passes without another (so extra copies are seen too), or the
	 * timeout; each message's body as JSON, deleted from the queue once read.
	 */
	List<JsonNode> receive(String queueUrl, int expected, Duration quiet, Duration timeout) {
		return receiveMessages(queueUrl, expected, quiet, timeout).stream()
			.map((message) -> AssignmentApi.JSON.readTree(message.body()))
			.toList();
	}

	/** As {@link #receive}, the whole messages, their attributes included. */
	List<Message> receiveMessages(String queueUrl, int expected, Duration quiet, Duration timeout) {
		var received = new ArrayList<Message>();
		long deadline = System.nanoTime() + timeout.toNanos();
		long quietUntil = Long.MAX_VALUE;
		while (System.nanoTime() < Math.min(deadline, quietUntil)) {
			List<Message> messages = this.sqs
				.receiveMessage((receive) -> receive.queueUrl(queueUrl)
					.maxNumberOfMessages(10)
					.waitTimeSeconds(1)
					.messageAttributeNames("All"))
				.messages();
			for (Message message : messages) {
				received.add(message);
				this.sqs.deleteMessage((delete) -> delete.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
			}
			if (received.size() >= expected && (!messages.isEmpty() || quietUntil == Long.MAX_VALUE)) {
				quietUntil = System.nanoTime() + quiet.toNanos();
			}
		}
		return received;
	}

	/**
	 * The bodies of up to ten messages waiting in the queue (none after a second's wait),
	 * deleted once read.
	 */
	List<JsonNode> receiveBatch(String queueUrl) {
		List<Message> messages = this.sqs
			.receiveMessage((receive) -> receive.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
			.messages();
		if (!messages.isEmpty()) {
			this.sqs.deleteMessageBatch((delete) -> delete.queueUrl(queueUrl)
				.entries(messages.stream()
					.map((message) -> DeleteMessageBatchRequestEntry.builder()
						.id(message.messageId())
						.receiptHandle(message.receiptHandle())
						.build())
					.toList()));
		}
		return messages.stream().map((message) -> AssignmentApi.JSON.readTree(message.body())).toList();
	}

	/**
	 * How many messages the queue holds that no receiver has taken yet (SQS's estimate).
	 */
	String waiting(String queueUrl) {
		return this.sqs
			.getQueueAttributes((attributes) -> attributes.queueUrl(queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
			.attributes()
			.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
	}

	@Override
	public void close() {
		this.sns.close();
		this.sqs.close();
	}

}
