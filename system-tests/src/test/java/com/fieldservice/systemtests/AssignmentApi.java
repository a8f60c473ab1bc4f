package com.fieldservice.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls assignment-service's HTTP API as a scheduler would. */
final class AssignmentApi {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	private final String token;

	AssignmentApi(String baseUrl, String token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	/** A unique id, so tests sharing one stack never collide. */
	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	void createGroup(String id) {
		expect(201, post("/api/dispatch-groups", Map.of("id", id, "name", "Group " + id), null));
	}

	void createContractor(String id, String name) {
		expect(201, post("/api/contractors", Map.of("id", id, "displayName", name), null));
	}

	void createJob(String id, List<String> groups) {
		expect(201, post("/api/jobs",
				Map.of("id", id, "title", "Replace water heater", "jobType", "PLUMBING", "serviceAddress",
						Map.of("street", "1 Main Street", "city", "Berlin", "postalCode", "10115", "country", "DE"),
						"timeZone", "Europe/Berlin", "dispatchGroups", groups),
				null));
	}

	HttpResponse<String> assign(String jobId, String contractorId, String start, String end, String idempotencyKey) {
		return post("/api/jobs/" + jobId + "/assignments", Map.of("contractorId", contractorId, "scheduledTimeSlot",
				Map.of("start", start, "end", end, "timeZone", "Europe/Berlin")), idempotencyKey);
	}

	HttpResponse<String> post(String path, Object body, String idempotencyKey) {
		var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request.build());
	}

	JsonNode get(String path) {
		var response = send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build());
		expect(200, response);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode expect(int status, HttpResponse<String> response) {
		if (response.statusCode() != status) {
			throw new AssertionError(
					"Expected " + status + " but got " + response.statusCode() + ": " + response.body());
		}
		return response.body().isEmpty() ? null : JSON.readTree(response.body());
	}

}
