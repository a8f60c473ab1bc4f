package com.fieldservice.streams.routing;

import static com.fieldservice.streams.routing.JobAssignedTestData.aCancellationOf;
import static com.fieldservice.streams.routing.JobAssignedTestData.aJobAssigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fieldservice.events.AssignmentCancelled;
import com.fieldservice.events.EventRouted;
import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.TraceParent;
import com.fieldservice.schemas.Topics;

class JobAssignedTopologyTests {

	private static final Duration WINDOW = Duration.ofDays(7);

	private static final Instant START = Instant.parse("2030-05-01T08:00:00Z");

	private static final Instant WALL_CLOCK = Instant.parse("2030-05-01T08:00:05Z");

	private static final String TRACE_PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private final Serde<SpecificRecord> eventSerde = AvroBinarySerde.of(Topics.ASSIGNMENT_EVENTS);

	private final Serde<EventRouted> eventRoutedSerde = AvroBinarySerde.of(EventRouted.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@TempDir
	Path stateDir;

	private TopologyTestDriver driver;

	private TestInputTopic<String, byte[]> outbox;

	private TestOutputTopic<String, SpecificRecord> canonical;

	private TestOutputTopic<String, SpecificRecord> dispatchers;

	private TestOutputTopic<String, SpecificRecord> contractors;

	private TestOutputTopic<String, EventRouted> receipts;

	private TestOutputTopic<byte[], byte[]> deadLetters;

	@BeforeEach
	void startDriver() {
		startDriver(this.eventSerde);
	}

	private void startDriver(Serde<SpecificRecord> outboxSerde) {
		var topology = JobAssignedTopology.build((topic) -> outboxSerde, this.eventRoutedSerde, WINDOW, this.meters);
		this.driver = new TopologyTestDriver(topology, config(), WALL_CLOCK);
		this.outbox = this.driver.createInputTopic(Topics.JOB_ASSIGNED_OUTBOX.name(), new StringSerializer(),
				new ByteArraySerializer(), START, Duration.ofSeconds(1));
		this.canonical = output(Topics.JOB_ASSIGNED.name(), this.eventSerde.deserializer());
		this.dispatchers = output(Topics.DISPATCHER_NOTIFICATIONS.name(), this.eventSerde.deserializer());
		this.contractors = output(Topics.CONTRACTOR_NOTIFICATIONS.name(), this.eventSerde.deserializer());
		this.receipts = output(Topics.EVENT_ROUTED.name(), this.eventRoutedSerde.deserializer());
		this.deadLetters = this.driver.createOutputTopic(Topics.DEAD_LETTER.name(), new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
	}

	@AfterEach
	void closeDriver() {
		this.driver.close();
	}

	@Test
	void writesTheEventToTheCanonicalTopicKeyedByJobId() {
		JobAssigned event = aJobAssigned().forJob("J-42").build();

		send(event);

		assertThat(this.canonical.readKeyValuesToList()).containsExactly(KeyValue.pair("J-42", event));
	}

	@Test
	void notifiesEachDispatchGroupOnce() {
		JobAssigned event = aJobAssigned().inGroups("north", "south", "north").build();

		send(event);

		assertThat(this.dispatchers.readKeyValuesToList()).containsExactly(KeyValue.pair("north", event),
				KeyValue.pair("south", event));
	}

	@Test
	void notifiesTheContractorKeyedByContractorId() {
		JobAssigned event = aJobAssigned().forContractor("C-7").inGroups("north", "south").build();

		send(event);

		assertThat(this.contractors.readKeyValuesToList()).containsExactly(KeyValue.pair("C-7", event));
	}

	@Test
	void reportsWhereTheEventWasRouted() {
		JobAssigned event = aJobAssigned().forContractor("C-7").inGroups("north", "south").build();

		send(event);

		assertThat(this.receipts.readKeyValuesToList()).containsExactly(KeyValue.pair(event.getEventId().toString(),
				new EventRouted(event.getEventId(), "JobAssigned", List.of("north", "south"), "C-7", WALL_CLOCK)));
	}

	@Nested
	class Cancellations {

		private final JobAssigned assigned = aJobAssigned().forJob("J-5")
			.forContractor("C-7")
			.inGroups("north", "south")
			.build();

		private final AssignmentCancelled cancelled = aCancellationOf(this.assigned);

		@Test
		void followTheirAssignmentOnEveryTopic() {
			send(this.assigned);
			send(this.cancelled);

			assertThat(JobAssignedTopologyTests.this.canonical.readKeyValuesToList())
				.containsExactly(KeyValue.pair("J-5", this.assigned), KeyValue.pair("J-5", this.cancelled));
			assertThat(JobAssignedTopologyTests.this.dispatchers.readKeyValuesToList()).containsExactly(
					KeyValue.pair("north", this.assigned), KeyValue.pair("south", this.assigned),
					KeyValue.pair("north", this.cancelled), KeyValue.pair("south", this.cancelled));
			assertThat(JobAssignedTopologyTests.this.contractors.readKeyValuesToList())
				.containsExactly(KeyValue.pair("C-7", this.assigned), KeyValue.pair("C-7", this.cancelled));
		}

		@Test
		void areReportedWithTheirType() {
			send(this.cancelled);

			assertThat(JobAssignedTopologyTests.this.receipts.readValuesToList()).containsExactly(new EventRouted(
					this.cancelled.getEventId(), "AssignmentCancelled", List.of("north", "south"), "C-7", WALL_CLOCK));
		}

		@Test
		void areDeduplicatedByEventId() {
			send(this.cancelled);
			send(this.cancelled);

			assertThat(JobAssignedTopologyTests.this.canonical.readValuesToList()).containsExactly(this.cancelled);
			assertThat(counter("notification.streams.duplicates.dropped")).isEqualTo(1);
		}

		@Test
		void areDeadLetteredWhenNotKeyedByTheirJobId() {
			JobAssignedTopologyTests.this.outbox.pipeInput("J-6", bytes(this.cancelled));

			assertThat(JobAssignedTopologyTests.this.canonical.isEmpty()).isTrue();
			assertThat(
					header(JobAssignedTopologyTests.this.deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
				.isEqualTo("record key 'J-6' is not the event's jobId 'J-5'");
		}

		@Test
		void areDeadLetteredWithoutDispatchGroups() {
			var withoutGroups = AssignmentCancelled.newBuilder(this.cancelled).setDispatchGroups(List.of()).build();

			send(withoutGroups);

			assertThat(
					header(JobAssignedTopologyTests.this.deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
				.isEqualTo("dispatchGroups is empty");
		}

	}

	@Test
	void deadLettersARecordOfAnotherType() {
		Serde<SpecificRecord> anyType = AvroBinarySerde.of(List.of(JobAssigned.class, EventRouted.class));
		closeDriver();
		startDriver(anyType);
		var receipt = new EventRouted(UUID.randomUUID(), "JobAssigned", List.of("north"), "C-7", WALL_CLOCK);

		this.outbox.pipeInput("J-1", anyType.serializer().serialize(Topics.JOB_ASSIGNED_OUTBOX.name(), receipt));

		assertThat(header(this.deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
			.startsWith("value is com.fieldservice.events.EventRouted, not an assignment event");
		assertThat(this.canonical.isEmpty()).isTrue();
	}

	@Test
	void keepsTheTraceContextOnEveryRecordItWrites() {
		JobAssigned event = aJobAssigned().inGroups("north", "south").build();
		var headers = new RecordHeaders().add(TraceParent.HEADER, TRACE_PARENT.getBytes(StandardCharsets.US_ASCII));

		this.outbox.pipeInput(new TestRecord<>(event.getJobId(), bytes(event), headers, START));

		List<TestRecord<?, ?>> written = new ArrayList<>();
		written.addAll(this.canonical.readRecordsToList());
		written.addAll(this.dispatchers.readRecordsToList());
		written.addAll(this.contractors.readRecordsToList());
		written.addAll(this.receipts.readRecordsToList());
		assertThat(written).hasSize(5)
			.allSatisfy((record) -> assertThat(header(record.headers(), TraceParent.HEADER)).isEqualTo(TRACE_PARENT));
	}

	@Test
	void deadLettersARecordWithItsTraceContext() {
		var headers = new RecordHeaders().add(TraceParent.HEADER, TRACE_PARENT.getBytes(StandardCharsets.US_ASCII));

		this.outbox.pipeInput(new TestRecord<>("J-9", "not avro".getBytes(StandardCharsets.UTF_8), headers, START));

		assertThat(header(this.deadLetters.readRecord().headers(), TraceParent.HEADER)).isEqualTo(TRACE_PARENT);
	}

	@Test
	void keepsEachContractorsNotificationsInOrder() {
		List<JobAssigned> events = List.of(aJobAssigned().forContractor("C-7").forJob("J-1").build(),
				aJobAssigned().forContractor("C-8").forJob("J-2").build(),
				aJobAssigned().forContractor("C-7").forJob("J-3").build(),
				aJobAssigned().forContractor("C-7").forJob("J-1").build());

		events.forEach(this::send);

		assertThat(this.contractors.readKeyValuesToList()).filteredOn((record) -> record.key.equals("C-7"))
			.extracting((record) -> RoutedEvent.of(record.value).jobId())
			.containsExactly("J-1", "J-3", "J-1");
	}

	@Nested
	class Deduplication {

		@Test
		void dropsADuplicateSeenWithinTheWindow() {
			JobAssigned event = aJobAssigned().inGroups("north", "south").build();

			send(event);
			JobAssignedTopologyTests.this.outbox.advanceTime(WINDOW.minusMinutes(1));
			send(event);

			assertThat(JobAssignedTopologyTests.this.canonical.readValuesToList()).hasSize(1);
			assertThat(JobAssignedTopologyTests.this.dispatchers.readValuesToList()).hasSize(2);
			assertThat(JobAssignedTopologyTests.this.contractors.readValuesToList()).hasSize(1);
			assertThat(JobAssignedTopologyTests.this.receipts.readValuesToList()).hasSize(1);
			assertThat(counter("notification.streams.duplicates.dropped")).isEqualTo(1);
		}

		@Test
		void dropsADuplicateCarryingAnEarlierTimestamp() {
			JobAssigned event = aJobAssigned().build();

			sendAt(event, START.plus(Duration.ofHours(1)));
			sendAt(event, START);

			assertThat(JobAssignedTopologyTests.this.canonical.readValuesToList()).hasSize(1);
		}

		@Test
		void routesACopyArrivingAfterTheWindowAgain() {
			JobAssigned event = aJobAssigned().build();

			send(event);
			JobAssignedTopologyTests.this.outbox.advanceTime(WINDOW.plusMinutes(1));
			send(event);

			assertThat(JobAssignedTopologyTests.this.canonical.readValuesToList()).containsExactly(event, event);
		}

		@Test
		void routesDistinctEventsOfTheSameJob() {
			send(aJobAssigned().forJob("J-1").build());
			send(aJobAssigned().forJob("J-1").build());

			assertThat(JobAssignedTopologyTests.this.canonical.readValuesToList()).hasSize(2);
		}

		@Test
		void remembersEventIdsInAPersistentChangeloggedStore() {
			send(aJobAssigned().build());

			assertThat(
					JobAssignedTopologyTests.this.driver.getWindowStore(JobAssignedTopology.DEDUPE_STORE).persistent())
				.isTrue();
			assertThat(JobAssignedTopologyTests.this.driver.producedTopicNames())
				.contains("test-notification-streams-" + JobAssignedTopology.DEDUPE_STORE + "-changelog");
		}

	}

	@Nested
	class DeadLetters {

		private static final byte[] POISON = "not avro at all".getBytes(StandardCharsets.UTF_8);

		@Test
		void deadLettersAnUnreadableRecordWithItsReasonAndSource() {
			JobAssignedTopologyTests.this.outbox.pipeInput("J-9", POISON);

			TestRecord<byte[], byte[]> dead = JobAssignedTopologyTests.this.deadLetters.readRecord();
			assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("J-9");
			assertThat(dead.value()).isEqualTo(POISON);
			assertThat(header(dead.headers(), DeadLetterHeaders.REASON))
				.startsWith("cannot deserialize an assignment event");
			assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC))
				.isEqualTo(Topics.JOB_ASSIGNED_OUTBOX.name());
			assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
			assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
			assertThat(counter("notification.streams.dead.lettered", "unreadable")).isEqualTo(1);
		}

		@Test
		void keepsRoutingTheRecordsAfterAPoisonRecord() {
			JobAssigned before = aJobAssigned().forJob("J-1").build();
			JobAssigned after = aJobAssigned().forJob("J-3").build();

			send(before);
			JobAssignedTopologyTests.this.outbox.pipeInput("J-2", POISON);
			send(after);

			assertThat(JobAssignedTopologyTests.this.canonical.readValuesToList()).containsExactly(before, after);
			TestRecord<byte[], byte[]> dead = JobAssignedTopologyTests.this.deadLetters.readRecord();
			assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
			assertThat(JobAssignedTopologyTests.this.deadLetters.isEmpty()).isTrue();
		}

		@Test
		void deadLettersARecordWithoutValue() {
			JobAssignedTopologyTests.this.outbox.pipeInput("J-9", (byte[]) null);

			TestRecord<byte[], byte[]> dead = JobAssignedTopologyTests.this.deadLetters.readRecord();
			assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo("record has no value");
		}

		@Test
		void rejectsAnEventWithoutDispatchGroups() {
			assertRejected(aJobAssigned().inGroups().build(), "dispatchGroups is empty");
		}

		@Test
		void rejectsAnInvertedTimeSlot() {
			Instant nine = Instant.parse("2030-05-06T09:00:00Z");

			assertRejected(aJobAssigned().scheduled(nine, nine.minusSeconds(3600)).build(),
					"scheduledTimeSlot end 2030-05-06T08:00:00Z is not after its start 2030-05-06T09:00:00Z");
		}

		@Test
		void rejectsAnEmptyTimeSlot() {
			Instant nine = Instant.parse("2030-05-06T09:00:00Z");

			assertRejected(aJobAssigned().scheduled(nine, nine).build(), "is not after its start");
		}

		@Test
		void deadLettersABlankEventId() {
			byte[] blankEventId = withBlankEventId(bytes(aJobAssigned().build()));

			JobAssignedTopologyTests.this.outbox.pipeInput("J-100", blankEventId);

			TestRecord<byte[], byte[]> dead = JobAssignedTopologyTests.this.deadLetters.readRecord();
			assertThat(dead.value()).isEqualTo(blankEventId);
			assertThat(header(dead.headers(), DeadLetterHeaders.REASON))
				.startsWith("cannot deserialize an assignment event");
		}

		@Test
		void rejectsABlankContractorId() {
			assertRejected(aJobAssigned().forContractor("").build(), "contractorId is missing");
		}

		@Test
		void rejectsARecordNotKeyedByItsJobId() {
			JobAssigned event = aJobAssigned().forJob("J-1").build();

			JobAssignedTopologyTests.this.outbox.pipeInput("J-2", bytes(event));

			assertThat(
					header(JobAssignedTopologyTests.this.deadLetters.readRecord().headers(), DeadLetterHeaders.REASON))
				.isEqualTo("record key 'J-2' is not the event's jobId 'J-1'");
		}

		@Test
		void failsInsteadOfDeadLetteringWhenTheRegistryIsUnreachable() {
			closeDriver();
			startDriver(Serdes.serdeFrom(JobAssignedTopologyTests.this.eventSerde.serializer(), unreachableRegistry()));

			assertThatThrownBy(() -> send(aJobAssigned().build())).hasRootCauseInstanceOf(ConnectException.class);
			assertThat(JobAssignedTopologyTests.this.deadLetters.isEmpty()).isTrue();
		}

		private void assertRejected(JobAssigned event, String reason) {
			send(event);

			TestRecord<byte[], byte[]> dead = JobAssignedTopologyTests.this.deadLetters.readRecord();
			assertThat(dead.value()).isEqualTo(bytes(event));
			assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).contains(reason);
			assertThat(dead.headers().toArray()).hasSize(4);
			assertThat(JobAssignedTopologyTests.this.canonical.isEmpty()).isTrue();
			assertThat(JobAssignedTopologyTests.this.receipts.isEmpty()).isTrue();
			assertThat(counter("notification.streams.dead.lettered", "invalid")).isEqualTo(1);
		}

		// After the type byte, eventId is the first field: a length-prefixed string of 36
		// characters, replaced here by an empty one.
		private static byte[] withBlankEventId(byte[] event) {
			byte[] blank = new byte[event.length - 36];
			blank[0] = event[0];
			System.arraycopy(event, 38, blank, 2, event.length - 38);
			return blank;
		}

		private static Deserializer<SpecificRecord> unreachableRegistry() {
			return (topic, bytes) -> {
				throw new SerializationException("cannot fetch schema",
						new RuntimeException(new ConnectException("Connection refused")));
			};
		}

	}

	private void send(SpecificRecord event) {
		this.outbox.pipeInput(RoutedEvent.of(event).jobId(), bytes(event));
	}

	private void sendAt(SpecificRecord event, Instant timestamp) {
		this.outbox.pipeInput(RoutedEvent.of(event).jobId(), bytes(event), timestamp);
	}

	private byte[] bytes(SpecificRecord event) {
		return this.eventSerde.serializer().serialize(Topics.JOB_ASSIGNED_OUTBOX.name(), event);
	}

	private double counter(String name, String... defect) {
		var search = this.meters.find(name);
		if (defect.length > 0) {
			search = search.tag("defect", defect[0]);
		}
		var counter = search.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private <V> TestOutputTopic<String, V> output(String topic, Deserializer<V> values) {
		return this.driver.createOutputTopic(topic, new StringDeserializer(), values);
	}

	private static String header(Headers headers, String name) {
		return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private Properties config() {
		var config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-notification-streams");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG, this.stateDir.toString());
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
		return config;
	}

}
