package com.fieldservice.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import com.fieldservice.testsupport.EmulatorAws;

/**
 * SNS and SQS clients of the stack's emulator, as an AWS team would use them: topics and
 * queues of the benchmark's own, raw-delivery subscriptions, queue depth, reading and
 * purging. Its SNS client (on the JDK's HttpURLConnection, as the SNS sink's) also
 * publishes the baseline, in the loop's JVM.
 */
final class EmulatorClients implements AutoCloseable {

	private final SnsClient sns;

	private final SqsClient sqs;

	/**
	 * Clients of the emulator at {@code endpoint}, e.g. {@code http://127.0.0.1:4566}.
	 */
	EmulatorClients(String endpoint) {
		this.sns = EmulatorAws.sns(endpoint);
		this.sqs = EmulatorAws.sqs(endpoint);
	}

	SnsClient sns() {
		return this.sns;
	}

	/** Creates SNS topic {@code name}; returns its ARN. */
	String createTopic(String name) {
		return this.sns.createTopic(topic -> topic.name(name)).topicArn();
	}

	/**
	 * Creates queue {@code name} and subscribes it to {@code topicArn} with raw message
	 * delivery; returns the queue's URL.
	 */
	String subscribeNewQueue(String topicArn, String name) {
		String queueUrl = this.sqs.createQueue(queue -> queue.queueName(name)).queueUrl();
		String queueArn = this.sqs
			.getQueueAttributes(
					attributes -> attributes.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
			.attributes()
			.get(QueueAttributeName.QUEUE_ARN);
		this.sns.subscribe(subscribe -> subscribe.topicArn(topicArn)
			.protocol("sqs")
			.endpoint(queueArn)
			.attributes(Map.of("RawMessageDelivery", "true")));
		return queueUrl;
	}

	String queueUrl(String name) {
		return this.sqs.getQueueUrl(queue -> queue.queueName(name)).queueUrl();
	}

	/** Messages waiting in the queue (the emulator counts them exactly). */
	int depth(String queueUrl) {
		String depth = this.sqs
			.getQueueAttributes(attributes -> attributes.queueUrl(queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
			.attributes()
			.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
		return Integer.parseInt(depth);
	}

	/**
	 * Up to 10 messages with their attributes, waiting up to {@code wait} for the first;
	 * not deleted, and invisible to other reads for {@code hidden}.
	 */
	List<Message> receive(String queueUrl, Duration wait, Duration hidden) {
		return this.sqs
			.receiveMessage(receive -> receive.queueUrl(queueUrl)
				.maxNumberOfMessages(10)
				.waitTimeSeconds((int) wait.toSeconds())
				.visibilityTimeout((int) hidden.toSeconds())
				.messageAttributeNames("All"))
			.messages();
	}

	/**
	 * Every one of the {@code count} messages in the queue, left in it but hidden for ten
	 * minutes, so none is read twice.
	 */
	List<Message> receiveAll(String queueUrl, int count) {
		var messages = new ArrayList<Message>(count);
		while (messages.size() < count) {
			List<Message> received = receive(queueUrl, Duration.ofSeconds(5), Duration.ofMinutes(10));
			if (received.isEmpty()) {
				throw new IllegalStateException(
						"Only " + messages.size() + " of " + count + " messages arrived in " + queueUrl);
			}
			messages.addAll(received);
		}
		return messages;
	}

	/** Deletes what {@link #receive} returned, in one call. */
	void delete(String queueUrl, List<Message> messages) {
		if (messages.isEmpty()) {
			return;
		}
		List<DeleteMessageBatchRequestEntry> entries = IntStream.range(0, messages.size())
			.mapToObj(i -> DeleteMessageBatchRequestEntry.builder()
				.id(Integer.toString(i))
				.receiptHandle(messages.get(i).receiptHandle())
				.build())
			.toList();
		this.sqs.deleteMessageBatch(delete -> delete.queueUrl(queueUrl).entries(entries));
	}

	/** Empties the queue, the messages hidden by a read included. */
	void purge(String queueUrl) {
		this.sqs.purgeQueue(purge -> purge.queueUrl(queueUrl));
	}

	@Override
	public void close() {
		this.sns.close();
		this.sqs.close();
	}

}
