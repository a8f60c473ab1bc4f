package com.fieldservice.systemtests;

import java.util.List;

import com.fieldservice.testsupport.AssignmentApi;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JobAssigned every subscriber should get for an assignment the API created, as JSON:
 * the shape of the WebSocket frame's {@code event} (instants ISO-8601 UTC, the job as
 * {@link AssignmentApi#createJob} makes it).
 */
final class ExpectedEvents {

	private ExpectedEvents() {
	}

	/**
	 * The event of {@code assignment} (the POST's 201 body) for a job of {@code groups}
	 * and a contractor named {@code contractorName}.
	 */
	static JsonNode of(JsonNode assignment, String contractorName, List<String> groups) {
		ObjectNode event = AssignmentApi.JSON.createObjectNode();
		event.put("eventId", assignment.get("eventId").asString());
		event.put("jobId", assignment.get("jobId").asString());
		event.put("assignmentId", assignment.get("id").asString());
		event.put("contractorId", assignment.get("contractorId").asString());
		event.put("contractorName", contractorName);
		event.set("scheduledTimeSlot", assignment.get("scheduledTimeSlot"));
		event.put("occurredAt", assignment.get("createdAt").asString());
		event.set("job", AssignmentApi.JSON.readTree(
				"""
						{"title":"Replace water heater","jobType":"PLUMBING",
						 "serviceAddress":{"street":"1 Main Street","city":"Berlin","postalCode":"10115","region":null,"country":"DE"}}"""));
		var dispatchGroups = event.putArray("dispatchGroups");
		groups.forEach(dispatchGroups::add);
		event.put("assignedBy", assignment.get("assignedBy").asString());
		return event;
	}

}
