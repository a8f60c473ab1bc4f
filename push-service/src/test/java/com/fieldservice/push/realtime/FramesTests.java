package com.fieldservice.push.realtime;

import static com.fieldservice.push.realtime.JobAssignedBuilder.aJobAssigned;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fieldservice.push.security.Subscriber;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FramesTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final Frames frames = new Frames(json);

	@Test
	void mapsAJobAssignedToTheExactFrameShape() {
		var event = aJobAssigned().inGroups("north", "emergency").build();

		var frame = frames.jobAssigned(Notification.of(Audience.dispatchGroup("north"), 3, 42, event));

		assertThat(tree(frame.getPayload())).isEqualTo(tree("""
				{"type": "jobAssigned", "stream": "dispatcher", "key": "north",
				 "eventId": "7f9c2b1e-4d3a-4c5b-9e8f-0a1b2c3d4e5f", "position": "3:42",
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
	void namesTheContractorStreamAndKeysByContractor() {
		var event = aJobAssigned().forContractor("C-9").inRegion("Brandenburg").build();

		JsonNode frame = tree(frames.jobAssigned(Notification.of(Audience.contractor("C-9"), 0, 7, event)).getPayload());

		assertThat(frame.get("stream").asString()).isEqualTo("contractor");
		assertThat(frame.get("key").asString()).isEqualTo("C-9");
		assertThat(frame.get("position").asString()).isEqualTo("0:7");
		assertThat(frame.at("/event/job/serviceAddress/region").asString()).isEqualTo("Brandenburg");
	}

	@Test
	void welcomesADispatcherWithItsGroups() {
		var frame = frames.welcome(Subscriber.dispatcher("D-1", List.of("north", "emergency")));

		assertThat(tree(frame.getPayload())).isEqualTo(tree("""
				{"type": "welcome", "role": "dispatcher", "subject": "D-1", "groups": ["north", "emergency"]}
				"""));
	}

	@Test
	void welcomesAContractorWithoutGroups() {
		var frame = frames.welcome(Subscriber.contractor("C-7"));

		assertThat(tree(frame.getPayload())).isEqualTo(tree("""
				{"type": "welcome", "role": "contractor", "subject": "C-7", "groups": []}
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
