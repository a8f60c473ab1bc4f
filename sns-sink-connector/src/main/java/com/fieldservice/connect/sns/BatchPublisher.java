package com.fieldservice.connect.sns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;

/**
 * Publishes one batch with PublishBatch: re-sends only the entries SNS failed for a
 * while, repeats calls that failed as a whole, and reports each message's fate as soon as
 * it is known, so that nothing SNS accepted is lost track of when the task gives up
 * midway.
 */
final class BatchPublisher {

	private static final Logger log = LoggerFactory.getLogger(BatchPublisher.class);

	/** Where the fate of each message goes. */
	interface Outcomes {

		void accepted(SnsMessage message);

		void rejected(SnsMessage message, UndeliverableRecordException reason);

	}

	private final SnsClient client;

	private final Backoff backoff;

	private final int maxRetries;

	private final int maxCallRetries;

	private final SnsSinkMetrics metrics;

	BatchPublisher(SnsClient client, Backoff backoff, int maxRetries, int maxCallRetries, SnsSinkMetrics metrics) {
		this.client = client;
		this.backoff = backoff;
		this.maxRetries = maxRetries;
		this.maxCallRetries = maxCallRetries;
		this.metrics = metrics;
	}

	/**
	 * @param batch messages for {@code topicArn} within the SNS batch limits
	 * @throws RetriableException when SNS stayed unavailable; the messages it accepted
	 * before were reported
	 * @throws ConnectException when SNS refuses the credentials, permissions or key
	 */
	void publish(String topicArn, List<SnsMessage> batch, Outcomes outcomes) {
		List<SnsMessage> pending = batch;
		for (int retry = 0; !pending.isEmpty(); retry++) {
			if (retry > 0) {
				this.metrics.retried(pending.size());
				this.backoff.pause(retry - 1);
			}
			PublishBatchResponse response;
			try {
				response = call(topicArn, pending);
			}
			catch (CallRefused refused) {
				refusedAsWhole(topicArn, pending, refused.getCause(), outcomes);
				return;
			}
			pending = settle(topicArn, pending, response, retry, outcomes);
		}
	}

	/** Reports the accepted and refused entries; returns those to send again. */
	private List<SnsMessage> settle(String topicArn, List<SnsMessage> sent, PublishBatchResponse response, int retry,
			Outcomes outcomes) {
		Set<String> successful = response.successful()
			.stream()
			.map(PublishBatchResultEntry::id)
			.collect(Collectors.toSet());
		Map<String, BatchResultErrorEntry> failed = response.failed()
			.stream()
			.collect(Collectors.toMap(BatchResultErrorEntry::id, Function.identity(), (first, second) -> first));
		List<SnsMessage> again = new ArrayList<>();
		int accepted = 0;
		for (int i = 0; i < sent.size(); i++) {
			String id = Integer.toString(i);
			if (successful.contains(id) && !failed.containsKey(id)) {
				outcomes.accepted(sent.get(i));
				accepted++;
			}
			else if (failed(topicArn, sent.get(i), failed.getOrDefault(id, noResult(id)), retry, outcomes)) {
				again.add(sent.get(i));
			}
		}
		this.metrics.published(accepted);
		return again;
	}

	/** Handles one refused entry; true if it is to be sent again. */
	private boolean failed(String topicArn, SnsMessage message, BatchResultErrorEntry failure, int retry,
			Outcomes outcomes) {
		this.metrics.failed(1);
		String reason = SnsErrors.describe(failure);
		switch (SnsErrors.of(failure)) {
			case CONFIGURATION -> throw configurationError(topicArn, reason, null);
			case PERMANENT -> outcomes.rejected(message,
					new UndeliverableRecordException("SNS refused the message for " + topicArn + ": " + reason));
			case RETRIABLE -> {
				if (retry < this.maxRetries) {
					return true;
				}
				outcomes.rejected(message, new UndeliverableRecordException("SNS still failed the message for "
						+ topicArn + " after " + this.maxRetries + " retries: " + reason));
			}
		}
		return false;
	}

	private void refusedAsWhole(String topicArn, List<SnsMessage> batch, SdkException ex, Outcomes outcomes) {
		if (batch.size() > 1) {
			// One bad entry can make SNS refuse the whole call: alone, each message gets
			// its own verdict and the good ones go through.
			log.debug("SNS refused a batch of {} for {} ({}); publishing them one by one", batch.size(), topicArn,
					SnsErrors.describe(ex));
			batch.forEach((message) -> publish(topicArn, List.of(message), outcomes));
			return;
		}
		this.metrics.failed(1);
		outcomes.rejected(batch.getFirst(), new UndeliverableRecordException(
				"SNS refused the message for " + topicArn + ": " + SnsErrors.describe(ex), ex));
	}

	/**
	 * One PublishBatch call, repeated while SNS is unavailable.
	 * @throws CallRefused when SNS refused the request as invalid
	 */
	private PublishBatchResponse call(String topicArn, List<SnsMessage> messages) throws CallRefused {
		// Entry ids are the positions in the call, which is how the answer is read back.
		List<PublishBatchRequestEntry> entries = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			entries.add(messages.get(i).toEntry(Integer.toString(i)));
		}
		PublishBatchRequest request = PublishBatchRequest.builder()
			.topicArn(topicArn)
			.publishBatchRequestEntries(entries)
			.build();
		for (int attempt = 0;; attempt++) {
			long start = System.nanoTime();
			try {
				return this.client.publishBatch(request);
			}
			catch (SdkException ex) {
				switch (SnsErrors.of(ex)) {
					case CONFIGURATION -> throw configurationError(topicArn, SnsErrors.describe(ex), ex);
					case PERMANENT -> throw new CallRefused(ex);
					case RETRIABLE -> retryCall(topicArn, attempt, ex);
				}
			}
			finally {
				this.metrics.call(messages.size(), (System.nanoTime() - start) / 1_000_000);
			}
		}
	}

	private void retryCall(String topicArn, int attempt, SdkException ex) {
		if (attempt >= this.maxCallRetries) {
			throw new RetriableException("SNS is unavailable: PublishBatch to " + topicArn + " failed " + (attempt + 1)
					+ " times, last with " + SnsErrors.describe(ex)
					+ "; the worker pauses and redelivers the records not yet published", ex);
		}
		log.warn("PublishBatch to {} failed ({}); retrying", topicArn, SnsErrors.describe(ex));
		this.backoff.pause(attempt);
	}

	private static ConnectException configurationError(String topicArn, String reason, Throwable cause) {
		return new ConnectException("SNS refused to let the connector publish to " + topicArn + " (" + reason
				+ "). Check the credentials (" + SnsSinkConnector.AWS_ACCESS_KEY_ID_CONFIG
				+ " or the default credential chain), that they allow sns:Publish on the topic, and the topic's KMS"
				+ " key; then restart the task", cause);
	}

	/** An entry SNS reported neither way: sent again, as SNS may not have it. */
	private static BatchResultErrorEntry noResult(String id) {
		return BatchResultErrorEntry.builder()
			.id(id)
			.code("NoResult")
			.message("SNS returned no result for the entry")
			.senderFault(false)
			.build();
	}

	/** SNS refused a call as invalid. */
	private static final class CallRefused extends Exception {

		CallRefused(SdkException cause) {
			super(cause);
		}

		@Override
		public synchronized SdkException getCause() {
			return (SdkException) super.getCause();
		}

	}

}
