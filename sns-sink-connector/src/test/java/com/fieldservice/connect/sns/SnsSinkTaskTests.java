package com.fieldservice.connect.sns;

import static com.fieldservice.connect.sns.JobAssignedRecords.aJobAssigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;

class SnsSinkTaskTests {

	static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:job-assigned";

	static final String FIFO_TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:job-assigned.fifo";

	static final String OTHER_TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:job-assigned-eu";

	static final TopicPartition PARTITION_0 = new TopicPartition(JobAssignedRecords.TOPIC, 0);

	static final TopicPartition PARTITION_1 = new TopicPartition(JobAssignedRecords.TOPIC, 1);

	private final FakeSnsClient sns = new FakeSnsClient();

	private final List<Long> sleeps = new ArrayList<>();

	private FakeSinkTaskContext context = FakeSinkTaskContext.withDeadLetterQueue();

	private SnsSinkTask task;

	@AfterEach
	void stopTask() {
		if (this.task != null) {
			this.task.stop();
		}
	}

	private SnsSinkTask start(String... overrides) {
		Map<String, String> config = new HashMap<>();
		config.put(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, TOPIC_ARN);
		config.put(SnsSinkConnector.AWS_REGION_CONFIG, "eu-west-1");
		config.put(SnsSinkConnector.MESSAGE_ATTRIBUTES_CONFIG, "contractorId,dispatchGroups,job.jobType");
		for (int i = 0; i < overrides.length; i += 2) {
			config.put(overrides[i], overrides[i + 1]);
		}
		this.task = new SnsSinkTask((settings) -> this.sns, this.sleeps::add);
		this.task.initialize(this.context);
		this.task.start(config);
		return this.task;
	}

	private static List<SinkRecord> records(int count) {
		return IntStream.range(0, count)
			.mapToObj((offset) -> aJobAssigned().at(0, offset).withEventId("event-" + offset).record())
			.toList();
	}

	private static List<String> eventIdsOf(List<PublishBatchRequestEntry> entries) {
		return entries.stream()
			.map((entry) -> entry.message().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1"))
			.toList();
	}

	private FakeSinkTaskContext.DeadLetterQueue deadLetterQueue() {
		return this.context.deadLetterQueue();
	}

	private Map<TopicPartition, OffsetAndMetadata> preCommit(TopicPartition... partitions) {
		Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
		for (TopicPartition partition : partitions) {
			current.put(partition, new OffsetAndMetadata(1_000));
		}
		return this.task.preCommit(current);
	}

	@Nested
	class MessageBody {

		@Test
		void isTheValueAsTheJsonClientsKnowFromThePushService() {
			start();
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().record()));
			assertThat(SnsSinkTaskTests.this.sns.accepted()).singleElement()
				.extracting(PublishBatchRequestEntry::message)
				.isEqualTo("""
						{"eventId":"0f8b2d4e-3c6a-4f1e-9b7d-2a5c8e1f6b3d","jobId":"job-42","assignmentId":"asg-7",\
						"contractorId":"c-7","contractorName":"Ada Lovelace","scheduledTimeSlot":\
						{"start":"2026-03-02T08:00:00Z","end":"2026-03-02T10:30:00Z","timeZone":"Europe/Berlin"},\
						"occurredAt":"2026-03-01T17:45:12.345Z","job":{"title":"Replace boiler valve",\
						"jobType":"HVAC_REPAIR","serviceAddress":{"street":"Hauptstraße 5","city":"Berlin",\
						"postalCode":"10115","region":null,"country":"DE"}},"dispatchGroups":["d3","d5"],\
						"assignedBy":"dispatcher-1"}""");
		}

		@Test
		void carriesAGivenRegion() {
			start();
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().withRegion("BE").record()));
			assertThat(SnsSinkTaskTests.this.sns.accepted().getFirst().message()).contains("\"region\":\"BE\"");
		}

		@Test
		void keepsWorkingWhenTheSchemaGainsAnOptionalField() {
			start();
			SnsSinkTaskTests.this.task
				.put(List.of(aJobAssigned().withExtraField("priority", Schema.OPTIONAL_INT32_SCHEMA, null).record(),
						aJobAssigned().withExtraField("priority", Schema.OPTIONAL_INT32_SCHEMA, 2).at(0, 1).record()));
			assertThat(SnsSinkTaskTests.this.sns.accepted()).extracting(PublishBatchRequestEntry::message)
				.allMatch((body) -> body.startsWith("{\"eventId\":"))
				.satisfiesExactly(
						(body) -> assertThat(body).endsWith("\"assignedBy\":\"dispatcher-1\",\"priority\":null}"),
						(body) -> assertThat(body).endsWith("\"assignedBy\":\"dispatcher-1\",\"priority\":2}"));
		}

	}

	@Nested
	class MessageAttributes {

		private Map<String, MessageAttributeValue> attributesOf(SinkRecord record) {
			SnsSinkTaskTests.this.task.put(List.of(record));
			return SnsSinkTaskTests.this.sns.accepted().getLast().messageAttributes();
		}

		@Test
		void carryConfiguredStringsAndStringArraysAndTheEventType() {
			start();
			assertThat(attributesOf(aJobAssigned().record())).containsOnly(
					Map.entry("eventType", attribute("String", "JobAssigned")),
					Map.entry("contractorId", attribute("String", "c-7")),
					Map.entry("dispatchGroups", attribute("String.Array", "[\"d3\",\"d5\"]")),
					Map.entry("jobType", attribute("String", "HVAC_REPAIR")));
		}

		@Test
		void carryNumbersAsNumberAndBooleansAsString() {
			start(SnsSinkConnector.MESSAGE_ATTRIBUTES_CONFIG, "priority,urgent");
			SinkRecord record = aJobAssigned().withExtraField("priority", Schema.OPTIONAL_INT32_SCHEMA, 2)
				.withExtraField("urgent", Schema.OPTIONAL_BOOLEAN_SCHEMA, true)
				.record();
			assertThat(attributesOf(record)).containsEntry("priority", attribute("Number", "2"))
				.containsEntry("urgent", attribute("String", "true"));
		}

		@Test
		void leaveOutNullAndAbsentFields() {
			start(SnsSinkConnector.MESSAGE_ATTRIBUTES_CONFIG, "job.serviceAddress.region,noSuchField");
			assertThat(attributesOf(aJobAssigned().withRegion(null).record())).containsOnlyKeys("eventType");
		}

		@Test
		void leaveOutTheEventTypeWhenDisabled() {
			start(SnsSinkConnector.MESSAGE_ATTRIBUTES_EVENT_TYPE_CONFIG, "false");
			assertThat(attributesOf(aJobAssigned().record())).doesNotContainKey("eventType")
				.containsKey("contractorId");
		}

		@Test
		void thatCannotBeMappedSendTheRecordToTheDeadLetterQueue() {
			start(SnsSinkConnector.MESSAGE_ATTRIBUTES_CONFIG, "job");
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().record()));
			assertThat(deadLetterQueue().reports()).singleElement()
				.extracting((report) -> report.reason().getMessage())
				.asString()
				.contains("'job' holds a Struct");
			assertThat(SnsSinkTaskTests.this.sns.calls()).isEmpty();
		}

		private static MessageAttributeValue attribute(String type, String value) {
			return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
		}

	}

	@Nested
	class Batching {

		@Test
		void sendsAtMostTenEntriesPerCall() {
			start();
			SnsSinkTaskTests.this.task.put(records(25));
			assertThat(SnsSinkTaskTests.this.sns.callSizes()).containsExactly(10, 10, 5);
			assertThat(eventIdsOf(SnsSinkTaskTests.this.sns.accepted()))
				.containsExactlyElementsOf(IntStream.range(0, 25).mapToObj((offset) -> "event-" + offset).toList());
		}

		@Test
		void sendsFewerEntriesPerCallWhenConfigured() {
			start(SnsSinkConnector.BATCH_MAX_ENTRIES_CONFIG, "3");
			SnsSinkTaskTests.this.task.put(records(7));
			assertThat(SnsSinkTaskTests.this.sns.callSizes()).containsExactly(3, 3, 1);
		}

		@Test
		void keepsEachCallWithin256KiB() {
			start();
			List<SinkRecord> records = IntStream.range(0, 5)
				.mapToObj((offset) -> aJobAssigned().at(0, offset).withContractorName("x".repeat(100_000)).record())
				.toList();
			SnsSinkTaskTests.this.task.put(records);
			assertThat(SnsSinkTaskTests.this.sns.callSizes()).containsExactly(2, 2, 1);
			assertThat(SnsSinkTaskTests.this.sns.calls())
				.allSatisfy((call) -> assertThat(call.publishBatchRequestEntries()
					.stream()
					.mapToInt((entry) -> SnsMessage.size(entry.message(), entry.messageAttributes()))
					.sum()).isLessThanOrEqualTo(262_144));
		}

		@Test
		void deadLettersAMessageOver256KiBAndPublishesTheRest() {
			start();
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().at(0, 0).record(),
					aJobAssigned().at(0, 1).withContractorName("x".repeat(300_000)).record(),
					aJobAssigned().at(0, 2).record()));
			assertThat(SnsSinkTaskTests.this.sns.accepted()).hasSize(2);
			assertThat(deadLetterQueue().offsets()).containsExactly(1L);
			assertThat(deadLetterQueue().reports().getFirst().reason())
				.hasMessageContaining("over the 262144 bytes SNS takes in one message");
			assertThat(preCommit(PARTITION_0)).containsEntry(PARTITION_0, new OffsetAndMetadata(3));
		}

		@Test
		void groupsMessagesPerTopicInRecordOrder() {
			start(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, "", SnsSinkConnector.SNS_TOPIC_ARN_FIELD_CONFIG,
					"route.topicArn");
			List<SinkRecord> records = IntStream.range(0, 6)
				.mapToObj((offset) -> aJobAssigned().at(0, offset)
					.withEventId("event-" + offset)
					.withExtraField("route", RouteSchema.SCHEMA,
							RouteSchema.to((offset % 2 == 0) ? TOPIC_ARN : OTHER_TOPIC_ARN))
					.record())
				.toList();
			SnsSinkTaskTests.this.task.put(records);
			assertThat(SnsSinkTaskTests.this.sns.calls()).extracting((call) -> call.topicArn())
				.containsExactly(TOPIC_ARN, OTHER_TOPIC_ARN);
			assertThat(eventIdsOf(SnsSinkTaskTests.this.sns.accepted())).containsExactly("event-0", "event-2",
					"event-4", "event-1", "event-3", "event-5");
		}

		@Test
		void deadLettersARecordWithoutATopicArnInItsField() {
			start(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, "", SnsSinkConnector.SNS_TOPIC_ARN_FIELD_CONFIG,
					"route.topicArn");
			SnsSinkTaskTests.this.task
				.put(List.of(aJobAssigned().withExtraField("route", RouteSchema.SCHEMA, RouteSchema.to("job-assigned"))
					.record()));
			assertThat(deadLetterQueue().reports()).singleElement()
				.extracting((report) -> report.reason().getMessage())
				.asString()
				.contains("Field 'route.topicArn' must hold the SNS topic ARN", "'job-assigned'");
		}

	}

	@Nested
	class FifoTopics {

		@Test
		void takeTheGroupFromTheKeyAndTheDeduplicationIdFromTheEventId() {
			start(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, FIFO_TOPIC_ARN);
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().withKey("job-42").withEventId("e-1").record()));
			assertThat(SnsSinkTaskTests.this.sns.accepted()).singleElement().satisfies((entry) -> {
				assertThat(entry.messageGroupId()).isEqualTo("job-42");
				assertThat(entry.messageDeduplicationId()).isEqualTo("e-1");
			});
		}

		@Test
		void takeTheDeduplicationIdFromTheConfiguredField() {
			start(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, FIFO_TOPIC_ARN,
					SnsSinkConnector.SNS_FIFO_DEDUPLICATION_ID_FIELD_CONFIG, "assignmentId");
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().record()));
			assertThat(SnsSinkTaskTests.this.sns.accepted().getFirst().messageDeduplicationId()).isEqualTo("asg-7");
		}

		@Test
		void areNotUsedForStandardTopics() {
			start();
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().record()));
			assertThat(SnsSinkTaskTests.this.sns.accepted()).singleElement().satisfies((entry) -> {
				assertThat(entry.messageGroupId()).isNull();
				assertThat(entry.messageDeduplicationId()).isNull();
			});
		}

		@Test
		void deadLetterARecordWithoutAKey() {
			start(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, FIFO_TOPIC_ARN);
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().withKey(null).record()));
			assertThat(deadLetterQueue().reports()).singleElement()
				.extracting((report) -> report.reason().getMessage())
				.asString()
				.contains("MessageGroupId", "the key is nothing");
		}

		@Test
		void deadLetterADeduplicationIdLongerThan128Characters() {
			start(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, FIFO_TOPIC_ARN);
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().at(0, 0).withEventId("e".repeat(129)).record(),
					aJobAssigned().at(0, 1).withEventId("e".repeat(128)).record()));
			assertThat(deadLetterQueue().offsets()).containsExactly(0L);
			assertThat(deadLetterQueue().reports().getFirst().reason())
				.hasMessageContaining("MessageDeduplicationId (field 'eventId')")
				.hasMessageContaining("not 1 to 128");
			assertThat(SnsSinkTaskTests.this.sns.accepted()).hasSize(1);
		}

		@Test
		void deadLetterADeduplicationIdWithSpaces() {
			start(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG, FIFO_TOPIC_ARN);
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().withEventId("two words").record()));
			assertThat(deadLetterQueue().reports()).hasSize(1);
		}

	}

	@Nested
	class EntryFailures {

		@Test
		void resendOnlyTheThrottledEntriesUntilSnsAcceptsThem() {
			start();
			SnsSinkTaskTests.this.sns
				.then(FakeSnsClient.failing("Throttled", true, (entry) -> Set.of("1", "3").contains(entry.id())))
				.then(FakeSnsClient.failing("KMSThrottling", true, (entry) -> entry.id().equals("0")));
			SnsSinkTaskTests.this.task.put(records(5));
			assertThat(SnsSinkTaskTests.this.sns.callSizes()).containsExactly(5, 2, 1);
			assertThat(eventIdsOf(SnsSinkTaskTests.this.sns.accepted())).containsExactlyInAnyOrder("event-0", "event-1",
					"event-2", "event-3", "event-4");
			assertThat(SnsSinkTaskTests.this.sleeps).hasSize(2)
				.allSatisfy((sleep) -> assertThat(sleep).isBetween(0L, 200L));
			assertThat(deadLetterQueue().reports()).isEmpty();
		}

		@Test
		void resendEntriesOfAnUnknownErrorThatIsNotTheSendersFault() {
			start();
			SnsSinkTaskTests.this.sns.then(FakeSnsClient.failing("SomethingNew", false, (entry) -> true));
			SnsSinkTaskTests.this.task.put(records(2));
			assertThat(SnsSinkTaskTests.this.sns.callSizes()).containsExactly(2, 2);
			assertThat(SnsSinkTaskTests.this.sns.accepted()).hasSize(2);
		}

		@Test
		void goToTheDeadLetterQueueWithTheReasonWhenPermanent() {
			start();
			SnsSinkTaskTests.this.sns
				.then(FakeSnsClient.failing("InvalidParameter", true, (entry) -> entry.id().equals("1")));
			SnsSinkTaskTests.this.task.put(records(3));
			assertThat(SnsSinkTaskTests.this.sns.callSizes()).containsExactly(3);
			assertThat(deadLetterQueue().offsets()).containsExactly(1L);
			assertThat(deadLetterQueue().reports().getFirst().reason()).isInstanceOf(UndeliverableRecordException.class)
				.hasMessageContaining("SNS refused the message for " + TOPIC_ARN)
				.hasMessageContaining("InvalidParameter: InvalidParameter for entry 1");
			assertThat(eventIdsOf(SnsSinkTaskTests.this.sns.accepted())).containsExactly("event-0", "event-2");
		}

		@Test
		void goToTheDeadLetterQueueOnceTheRetriesAreSpent() {
			start(SnsSinkConnector.MAX_RETRIES_CONFIG, "2");
			SnsSinkTaskTests.this.sns.otherwise(FakeSnsClient.failing("Throttled", true, (entry) -> true));
			SnsSinkTaskTests.this.task.put(records(1));
			assertThat(SnsSinkTaskTests.this.sns.callSizes()).containsExactly(1, 1, 1);
			assertThat(deadLetterQueue().reports()).singleElement()
				.extracting((report) -> report.reason().getMessage())
				.asString()
				.contains("after 2 retries: Throttled");
			assertThat(preCommit(PARTITION_0)).containsEntry(PARTITION_0, new OffsetAndMetadata(1));
		}

		@Test
		void backOffExponentiallyUpToTheCap() {
			start(SnsSinkConnector.MAX_RETRIES_CONFIG, "8", SnsSinkConnector.RETRY_BACKOFF_MS_CONFIG, "100",
					SnsSinkConnector.RETRY_BACKOFF_MAX_MS_CONFIG, "1000");
			SnsSinkTaskTests.this.sns.otherwise(FakeSnsClient.failing("Throttled", true, (entry) -> true));
			SnsSinkTaskTests.this.task.put(records(1));
			List<Long> caps = List.of(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L, 1000L);
			assertThat(SnsSinkTaskTests.this.sleeps).hasSize(caps.size());
			for (int i = 0; i < caps.size(); i++) {
				assertThat(SnsSinkTaskTests.this.sleeps.get(i)).isBetween(0L, caps.get(i));
			}
		}

		@Test
		void failTheTaskWithoutADeadLetterQueue() {
			SnsSinkTaskTests.this.context = FakeSinkTaskContext.withoutDeadLetterQueue();
			start();
			SnsSinkTaskTests.this.sns.then(FakeSnsClient.failing("InvalidParameter", true, (entry) -> true));
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> SnsSinkTaskTests.this.task.put(records(1)))
				.isNotInstanceOf(RetriableException.class)
				.withMessageContaining("InvalidParameter")
				.withMessageContaining("errors.tolerance=all")
				.withMessageContaining("errors.deadletterqueue.topic.name");
		}

		@Test
		void failTheTaskWhenSnsRefusesThePermissions() {
			start();
			SnsSinkTaskTests.this.sns.then(FakeSnsClient.failing("KMSAccessDenied", true, (entry) -> true));
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> SnsSinkTaskTests.this.task.put(records(1)))
				.isNotInstanceOf(RetriableException.class)
				.withMessageContaining("KMSAccessDenied")
				.withMessageContaining("KMS key");
		}

	}

	@Nested
	class CallFailures {

		@Test
		void deadLetterEveryRecordOfATopicThatDoesNotExist() {
			start();
			SnsSinkTaskTests.this.sns.otherwise(FakeSnsClient.refusing("NotFound", 404));
			SnsSinkTaskTests.this.task.put(records(3));
			assertThat(deadLetterQueue().offsets()).containsExactly(0L, 1L, 2L);
			assertThat(deadLetterQueue().reports()).allSatisfy(
					(report) -> assertThat(report.reason()).hasMessageContaining("NotFound: SNS says NotFound"));
			assertThat(preCommit(PARTITION_0)).containsEntry(PARTITION_0, new OffsetAndMetadata(3));
		}

		@Test
		void isolateTheEntryThatMadeSnsRefuseTheWholeCall() {
			start();
			FakeSnsClient.Answer refusingEvent1 = (request) -> request.publishBatchRequestEntries()
				.stream()
				.anyMatch((entry) -> entry.message().contains("\"event-1\""))
						? FakeSnsClient.refusing("InvalidParameter", 400).answer(request)
						: FakeSnsClient.acceptAll(request);
			SnsSinkTaskTests.this.sns.otherwise(refusingEvent1);
			SnsSinkTaskTests.this.task.put(records(3));
			assertThat(SnsSinkTaskTests.this.sns.callSizes()).containsExactly(3, 1, 1, 1);
			assertThat(deadLetterQueue().offsets()).containsExactly(1L);
			assertThat(eventIdsOf(SnsSinkTaskTests.this.sns.accepted())).containsExactly("event-0", "event-2");
		}

		@Test
		void failTheTaskWhenSnsRefusesTheCredentials() {
			start();
			SnsSinkTaskTests.this.sns.then(FakeSnsClient.refusing("InvalidClientTokenId", 403));
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> SnsSinkTaskTests.this.task.put(records(1)))
				.isNotInstanceOf(RetriableException.class)
				.withMessageContaining("InvalidClientTokenId")
				.withMessageContaining("Check the credentials");
			assertThat(deadLetterQueue().reports()).isEmpty();
		}

		@Test
		void areRepeatedWhileSnsIsThrottlingOrFailing() {
			start();
			SnsSinkTaskTests.this.sns.then(FakeSnsClient.refusing("Throttling", 400))
				.then(FakeSnsClient.refusing("InternalError", 500))
				.then(FakeSnsClient.unreachable());
			SnsSinkTaskTests.this.task.put(records(2));
			assertThat(SnsSinkTaskTests.this.sns.callSizes()).containsExactly(2, 2, 2, 2);
			assertThat(SnsSinkTaskTests.this.sns.accepted()).hasSize(2);
		}

		@Test
		void makeTheWorkerRedeliverWhenSnsStaysUnreachable() {
			start(SnsSinkConnector.MAX_CALL_RETRIES_CONFIG, "2", SnsSinkConnector.RETRY_BACKOFF_MAX_MS_CONFIG, "5000");
			SnsSinkTaskTests.this.sns.otherwise(FakeSnsClient.unreachable());
			assertThatExceptionOfType(RetriableException.class)
				.isThrownBy(() -> SnsSinkTaskTests.this.task.put(records(1)))
				.withMessageContaining("SNS is unavailable")
				.withMessageContaining("failed 3 times")
				.withMessageContaining("Connection refused");
			assertThat(SnsSinkTaskTests.this.sns.calls()).hasSize(3);
			assertThat(SnsSinkTaskTests.this.context.timeout()).isEqualTo(5000);
			assertThat(deadLetterQueue().reports()).isEmpty();
		}

		@Test
		void doNotPublishAcceptedRecordsTwiceOnRedelivery() {
			start(SnsSinkConnector.MAX_CALL_RETRIES_CONFIG, "1");
			List<SinkRecord> records = records(15);
			SnsSinkTaskTests.this.sns.then(FakeSnsClient::acceptAll)
				.then(FakeSnsClient.unreachable())
				.then(FakeSnsClient.unreachable());
			assertThatExceptionOfType(RetriableException.class)
				.isThrownBy(() -> SnsSinkTaskTests.this.task.put(records));
			assertThat(preCommit(PARTITION_0)).isEmpty();

			SnsSinkTaskTests.this.task.put(records);
			assertThat(SnsSinkTaskTests.this.sns.callSizes()).containsExactly(10, 5, 5, 5);
			assertThat(eventIdsOf(SnsSinkTaskTests.this.sns.accepted()))
				.containsExactlyElementsOf(IntStream.range(0, 15).mapToObj((offset) -> "event-" + offset).toList());
			assertThat(preCommit(PARTITION_0)).containsEntry(PARTITION_0, new OffsetAndMetadata(15));
		}

		@Test
		void doNotDeadLetterARecordTwiceOnRedelivery() {
			start(SnsSinkConnector.MAX_CALL_RETRIES_CONFIG, "0", SnsSinkConnector.BATCH_MAX_ENTRIES_CONFIG, "1");
			List<SinkRecord> records = List.of(aJobAssigned().at(0, 0).record(),
					aJobAssigned().at(0, 1).withContractorName("x".repeat(300_000)).record(),
					aJobAssigned().at(0, 2).record());
			SnsSinkTaskTests.this.sns.then(FakeSnsClient::acceptAll).then(FakeSnsClient.unreachable());
			assertThatExceptionOfType(RetriableException.class)
				.isThrownBy(() -> SnsSinkTaskTests.this.task.put(records));
			SnsSinkTaskTests.this.task.put(records);
			assertThat(deadLetterQueue().offsets()).containsExactly(1L);
			assertThat(SnsSinkTaskTests.this.sns.accepted()).hasSize(2);
		}

	}

	@Nested
	class Offsets {

		@Test
		void areNotCommittedBeforeAnythingIsPublished() {
			start();
			assertThat(preCommit(PARTITION_0)).isEmpty();
		}

		@Test
		void areCommittedPastTheRecordsSnsAccepted() {
			start();
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().at(0, 4).record(), aJobAssigned().at(1, 7).record()));
			assertThat(preCommit(PARTITION_0, PARTITION_1)).containsOnly(
					Map.entry(PARTITION_0, new OffsetAndMetadata(5)), Map.entry(PARTITION_1, new OffsetAndMetadata(8)));
		}

		@Test
		void stayBehindAPutThatFailed() {
			start(SnsSinkConnector.MAX_CALL_RETRIES_CONFIG, "0");
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().at(0, 0).record()));
			SnsSinkTaskTests.this.sns.then(FakeSnsClient.unreachable());
			assertThatExceptionOfType(RetriableException.class)
				.isThrownBy(() -> SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().at(0, 1).record())));
			assertThat(preCommit(PARTITION_0)).containsOnly(Map.entry(PARTITION_0, new OffsetAndMetadata(1)));
		}

		@Test
		void neverMoveBackWhenEarlierRecordsComeAgain() {
			start();
			SnsSinkTaskTests.this.task.put(records(3));
			SnsSinkTaskTests.this.task.put(records(1));
			assertThat(preCommit(PARTITION_0)).containsEntry(PARTITION_0, new OffsetAndMetadata(3));
		}

		@Test
		void waitUntilTheDeadLetterQueueHasTheRecord() {
			start();
			deadLetterQueue().holdWrites();
			SnsSinkTaskTests.this.task
				.put(List.of(aJobAssigned().at(0, 0).withContractorName("x".repeat(300_000)).record()));
			assertThat(preCommit(PARTITION_0)).isEmpty();
			deadLetterQueue().completeWrites();
			assertThat(preCommit(PARTITION_0)).containsEntry(PARTITION_0, new OffsetAndMetadata(1));
		}

		@Test
		void failTheTaskWhenTheDeadLetterQueueRefusedARecord() {
			start();
			deadLetterQueue().holdWrites();
			SnsSinkTaskTests.this.task
				.put(List.of(aJobAssigned().at(0, 0).withContractorName("x".repeat(300_000)).record()));
			deadLetterQueue().failWrites(new IllegalStateException("broker down"));
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> preCommit(PARTITION_0))
				.withMessageContaining("dead letter queue did not take a record of " + PARTITION_0);
		}

		@Test
		void ofRevokedPartitionsAreForgotten() {
			start(SnsSinkConnector.MAX_CALL_RETRIES_CONFIG, "0", SnsSinkConnector.BATCH_MAX_ENTRIES_CONFIG, "1");
			SnsSinkTaskTests.this.task.put(List.of(aJobAssigned().at(0, 0).record(), aJobAssigned().at(1, 0).record()));
			SnsSinkTaskTests.this.task.close(List.of(PARTITION_1));
			assertThat(preCommit(PARTITION_0, PARTITION_1)).containsOnlyKeys(PARTITION_0);
		}

		@Test
		void ofARevokedPartitionDoNotSkipItsRecordsWhenItComesBack() {
			start(SnsSinkConnector.MAX_CALL_RETRIES_CONFIG, "0", SnsSinkConnector.BATCH_MAX_ENTRIES_CONFIG, "1");
			List<SinkRecord> records = List.of(aJobAssigned().at(1, 0).record(), aJobAssigned().at(1, 1).record());
			SnsSinkTaskTests.this.sns.then(FakeSnsClient::acceptAll).then(FakeSnsClient.unreachable());
			assertThatExceptionOfType(RetriableException.class)
				.isThrownBy(() -> SnsSinkTaskTests.this.task.put(records));
			SnsSinkTaskTests.this.task.close(List.of(PARTITION_1));
			SnsSinkTaskTests.this.task.open(List.of(PARTITION_1));
			// From the committed offset the partition starts over: at least once, never
			// skipped.
			SnsSinkTaskTests.this.task.put(records);
			assertThat(SnsSinkTaskTests.this.sns.accepted()).hasSize(3);
			assertThat(preCommit(PARTITION_1)).containsEntry(PARTITION_1, new OffsetAndMetadata(2));
		}

	}

	@Nested
	class TaskMetrics {

		@Test
		void countPublishedFailedRetriedAndDeadLetteredMessages() {
			start();
			SnsSinkTaskTests.this.sns.then(FakeSnsClient.failing("Throttled", true, (entry) -> entry.id().equals("0")))
				.then(FakeSnsClient::acceptAll)
				.then(FakeSnsClient.failing("InvalidParameter", true, (entry) -> entry.id().equals("0")));
			SnsSinkTaskTests.this.task.put(records(12));
			FakeSinkTaskContext context = SnsSinkTaskTests.this.context;
			assertThat(context.metric("messages-published-total")).isEqualTo(11);
			assertThat(context.metric("messages-failed-total")).isEqualTo(2);
			assertThat(context.metric("messages-retried-total")).isEqualTo(1);
			assertThat(context.metric("messages-dead-lettered-total")).isEqualTo(1);
			assertThat(context.metric("batch-size-max")).isEqualTo(10);
			assertThat(context.metric("batch-size-avg")).isEqualTo((10 + 1 + 2) / 3.0);
			assertThat(context.metric("publish-latency-max-ms")).isGreaterThanOrEqualTo(0);
		}

	}

	@Test
	void closesTheSnsClientWhenStopped() {
		start();
		this.task.stop();
		this.task = null;
		assertThat(this.sns.isClosed()).isTrue();
	}

	/** A value field that says where a record goes, for topics per record. */
	static final class RouteSchema {

		static final Schema SCHEMA = SchemaBuilder.struct()
			.name("com.fieldservice.events.Route")
			.optional()
			.field("topicArn", Schema.STRING_SCHEMA)
			.build();

		static Struct to(String topicArn) {
			return new Struct(SCHEMA).put("topicArn", topicArn);
		}

	}

}
