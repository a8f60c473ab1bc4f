package com.fieldservice.connect.sns;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * An SNS that answers PublishBatch from a script, accepting everything once the script
 * runs out, and remembers every call and every message it accepted.
 */
final class FakeSnsClient implements SnsClient {

	/** How SNS answers one call; may throw as the SDK does. */
	@FunctionalInterface
	interface Answer {

		PublishBatchResponse answer(PublishBatchRequest request);

	}

	private final List<PublishBatchRequest> calls = new ArrayList<>();

	private final List<PublishBatchRequestEntry> accepted = new ArrayList<>();

	private final Deque<Answer> script = new ArrayDeque<>();

	private Answer otherwise = FakeSnsClient::acceptAll;

	private boolean closed;

	/** Answers the next call so. */
	FakeSnsClient then(Answer answer) {
		this.script.add(answer);
		return this;
	}

	/** Answers every call after the script so. */
	FakeSnsClient otherwise(Answer answer) {
		this.otherwise = answer;
		return this;
	}

	List<PublishBatchRequest> calls() {
		return this.calls;
	}

	/** Entries in the order SNS accepted them, over all calls. */
	List<PublishBatchRequestEntry> accepted() {
		return this.accepted;
	}

	List<Integer> callSizes() {
		return this.calls.stream().map((call) -> call.publishBatchRequestEntries().size()).toList();
	}

	boolean isClosed() {
		return this.closed;
	}

	@Override
	public PublishBatchResponse publishBatch(PublishBatchRequest request) {
		this.calls.add(request);
		Answer answer = this.script.isEmpty() ? this.otherwise : this.script.poll();
		PublishBatchResponse response = answer.answer(request);
		Map<String, PublishBatchRequestEntry> entries = request.publishBatchRequestEntries()
			.stream()
			.collect(Collectors.toMap(PublishBatchRequestEntry::id, Function.identity()));
		response.successful().forEach((success) -> this.accepted.add(entries.get(success.id())));
		return response;
	}

	static PublishBatchResponse acceptAll(PublishBatchRequest request) {
		return failing("unused", true, (entry) -> false).answer(request);
	}

	/** Fails the entries that match with the code, accepts the others. */
	static Answer failing(String code, boolean senderFault, Predicate<PublishBatchRequestEntry> which) {
		return (request) -> {
			PublishBatchResponse.Builder response = PublishBatchResponse.builder();
			List<PublishBatchResultEntry> successful = new ArrayList<>();
			List<BatchResultErrorEntry> failed = new ArrayList<>();
			for (PublishBatchRequestEntry entry : request.publishBatchRequestEntries()) {
				if (which.test(entry)) {
					failed.add(BatchResultErrorEntry.builder()
						.id(entry.id())
						.code(code)
						.message(code + " for entry " + entry.id())
						.senderFault(senderFault)
						.build());
				}
				else {
					successful
						.add(PublishBatchResultEntry.builder().id(entry.id()).messageId("m-" + entry.id()).build());
				}
			}
			return response.successful(successful).failed(failed).build();
		};
	}

	/** Throws what the SDK throws when SNS answers the call with an error. */
	static Answer refusing(String code, int status) {
		return (request) -> {
			throw SnsException.builder()
				.statusCode(status)
				.message(code + " from SNS")
				.awsErrorDetails(AwsErrorDetails.builder()
					.errorCode(code)
					.errorMessage("SNS says " + code)
					.serviceName("Sns")
					.build())
				.build();
		};
	}

	/** Throws what the SDK throws when nothing listens at the endpoint. */
	static Answer unreachable() {
		return (request) -> {
			throw SdkClientException.create("Unable to execute HTTP request: Connection refused");
		};
	}

	@Override
	public String serviceName() {
		return SERVICE_NAME;
	}

	@Override
	public void close() {
		this.closed = true;
	}

}
