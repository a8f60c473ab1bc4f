package com.fieldservice.push.realtime;

import static com.fieldservice.push.realtime.JobAssignedBuilder.aJobAssigned;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.Test;

import com.fieldservice.events.AssignmentCancelled;
import com.fieldservice.push.security.Subscriber;
import com.fieldservice.schemas.TraceParent;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FramesTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final Frames frames = new Frames(json);

	@Test
	void mapsAJobAssignedToTheExactFrameShape() {
		var event = aJobAssigned().inGroups("north", "emergency").build();

		var frame = frames.notification(Notification.of(Audience.dispatchGroup("north"), 1, 42, event))
			.withResume(Cursor.parse("d1:43,d2:7"));

		assertThat(tree(frame.getPayload())).isEqualTo(tree("""
				{"type": "jobAssigned", "stream": "dispatcher", "key": "north",
				 "eventId": "7f9c2b1e-4d3a-4c5b-9e8f-0a1b2c3d4e5f", "position": "1:42", "resume": "d1:43,d2:7",
				 "event": {
				   "eventId": "7f9c2b1e-4d3a-4c5b-9e8f-0a1b2c3d4e5f", "jobId": "J-1001", "assignmentId": "A-42",
				   "contractorId": "C-7", "contractorName": "Ada Lovelace Plumbing",
				   "scheduledTimeSlot": {"start": "2030-01-07T09:00:00Z", "end": "2030-01-07T11:00:00Z",
				                         "timeZone": "Europe/Berlin"},
				   "occurredAt": "2030-01-06T15:04:05.123Z",
				   "job": {"title": "Replace water heater", "jobType": "PLUMBING",
				           "serviceAddress": {"street": "1 Main Street", "city": "Berlin", "postalCode": "10115",
				                              "region": null, "country": "DE"}},
				   "dispatchGroups": ["north", "emergency"], "assignedBy": "D-1"}}
				"""));
	}

	@Test
	void mapsAnAssignmentCancelledToTheExactFrameShape() {
		var event = AssignmentCancelled.newBuilder()
			.setEventId(UUID.fromString("0b6d3f2a-9c1e-4e7b-8a5d-2f4c6e8a0b1c"))
			.setJobId("J-1001")
			.setAssignmentId("A-42")
			.setAssignedEventId(UUID.fromString("7f9c2b1e-4d3a-4c5b-9e8f-0a1b2c3d4e5f"))
			.setContractorId("C-7")
			.setDispatchGroups(List.of("north", "emergency"))
			.setOccurredAt(Instant.parse("2030-01-06T16:00:00.5Z"))
			.setCancelledBy("D-1")
			.build();

		var frame = frames.notification(Notification.of(Audience.contractor("C-7"), 1, 9, event))
			.withResume(Cursor.parse("c1:10"));

		assertThat(tree(frame.getPayload())).isEqualTo(tree("""
				{"type": "assignmentCancelled", "stream": "contractor", "key": "C-7",
				 "eventId": "0b6d3f2a-9c1e-4e7b-8a5d-2f4c6e8a0b1c", "position": "1:9", "resume": "c1:10",
				 "event": {
				   "eventId": "0b6d3f2a-9c1e-4e7b-8a5d-2f4c6e8a0b1c", "jobId": "J-1001", "assignmentId": "A-42",
				   "assignedEventId": "7f9c2b1e-4d3a-4c5b-9e8f-0a1b2c3d4e5f", "contractorId": "C-7",
				   "dispatchGroups": ["north", "emergency"], "occurredAt": "2030-01-06T16:00:00.500Z",
				   "cancelledBy": "D-1"}}
				"""));
	}

	@Test
	void carriesTheTraceIdOfTheRecordsTraceparent() {
		var record = new ConsumerRecord<String, SpecificRecord>("notifications.dispatcher.v1", 1, 42, "north",
				aJobAssigned().build());
		record.headers()
			.add(TraceParent.HEADER,
					"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.US_ASCII));

		JsonNode frame = tree(frames.notification(Notification.of(Audience.dispatchGroup("north"), record))
			.withResume(Cursor.parse("d1:43"))
			.getPayload());

		assertThat(frame.get("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void leavesOutTheTraceIdOfARecordWithoutAValidTraceparent() {
		var record = new ConsumerRecord<String, SpecificRecord>("notifications.dispatcher.v1", 1, 42, "north",
				aJobAssigned().build());
		record.headers().add(TraceParent.HEADER, "00-not-a-trace".getBytes(StandardCharsets.US_ASCII));

		JsonNode frame = tree(frames.notification(Notification.of(Audience.dispatchGroup("north"), record))
			.withResume(Cursor.parse("d1:43"))
			.getPayload());

		assertThat(frame.has("traceId")).isFalse();
	}

	@Test
	void namesTheContractorStreamAndKeysByContractor() {
		var event = aJobAssigned().forContractor("C-9").inRegion("Brandenburg").build();

		JsonNode frame = tree(frames.notification(Notification.of(Audience.contractor("C-9"), 0, 7, event))
			.withResume(Cursor.parse("c0:8"))
			.getPayload());

		assertThat(frame.get("stream").asString()).isEqualTo("contractor");
		assertThat(frame.get("key").asString()).isEqualTo("C-9");
		assertThat(frame.get("position").asString()).isEqualTo("0:7");
		assertThat(frame.get("resume").asString()).isEqualTo("c0:8");
		assertThat(frame.at("/event/job/serviceAddress/region").asString()).isEqualTo("Brandenburg");
	}

	@Test
	void connectionsAtTheSamePositionShareOneFrameAndOthersGetTheirOwnResume() {
		var message = frames
			.notification(Notification.of(Audience.dispatchGroup("north"), 1, 42, aJobAssigned().build()));

		var first = message.sentFrom(Cursor.parse("d1:42,d2:7"));
		var sameSpot = message.sentFrom(Cursor.parse("d1:42,d2:7"));
		var elsewhere = message.sentFrom(Cursor.parse("d1:40"));

		assertThat(sameSpot.frame()).isSameAs(first.frame());
		assertThat(first.to()).isEqualTo(Cursor.parse("d1:43,d2:7"));
		assertThat(tree(first.frame().getPayload()).get("resume").asString()).isEqualTo("d1:43,d2:7");
		assertThat(elsewhere.to()).isEqualTo(Cursor.parse("d1:43"));
		assertThat(tree(elsewhere.frame().getPayload()).get("resume").asString()).isEqualTo("d1:43");
	}

	@Test
	void welcomesADispatcherWithItsGroupsSubscriptionsAndStartPosition() {
		var dispatcher = Subscriber.dispatcher("D-1", List.of("north", "emergency"));

		var frame = frames.welcome(dispatcher, Subscription.of(dispatcher, List.of("dispatcher:north")),
				Cursor.parse("d1:5"));

		assertThat(tree(frame.getPayload())).isEqualTo(tree("""
				{"type": "welcome", "role": "dispatcher", "subject": "D-1", "groups": ["north", "emergency"],
				 "subscriptions": ["dispatcher:north"], "resume": "d1:5"}
				"""));
	}

	@Test
	void welcomesAContractorWithoutGroups() {
		var contractor = Subscriber.contractor("C-7");

		var frame = frames.welcome(contractor, Subscription.of(contractor, List.of()), Cursor.NONE);

		assertThat(tree(frame.getPayload())).isEqualTo(tree("""
				{"type": "welcome", "role": "contractor", "subject": "C-7", "groups": [],
				 "subscriptions": ["contractor:C-7"], "resume": ""}
				"""));
	}

	@Test
	void endsACatchUpWithThePositionReachedAndHowManyFramesItReplayed() {
		var frame = frames.caughtUp(Cursor.parse("c2:17"), 3, Cursor.NONE);

		assertThat(tree(frame.getPayload())).isEqualTo(tree("""
				{"type": "caughtUp", "resume": "c2:17", "replayed": 3, "complete": true}
				"""));
	}

	@Test
	void tellsAClientWhoseRecordsWerePastTheRetentionWhereItsReplayHadToStart() {
		var frame = frames.caughtUp(Cursor.parse("c2:90"), 3, Cursor.parse("c2:87"));

		assertThat(tree(frame.getPayload())).isEqualTo(tree("""
				{"type": "caughtUp", "resume": "c2:90", "replayed": 3, "complete": false, "oldest": "c2:87"}
				"""));
	}

	@Test
	void explainsARefusal() {
		var frame = frames.error(Refusal.forbidden("contractor C-7 may not subscribe to contractor:C-8"));

		assertThat(tree(frame.getPayload())).isEqualTo(tree("""
				{"type": "error", "code": "forbidden", "message": "contractor C-7 may not subscribe to contractor:C-8"}
				"""));
	}

	@Test
	void pingIsATypedFrame() {
		assertThat(frames.ping().getPayload()).isEqualTo("{\"type\":\"ping\"}");
	}

	private JsonNode tree(String text) {
		return json.readTree(text);
	}

}
