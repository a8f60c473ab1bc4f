package com.fieldservice.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls assignment-service's HTTP API over real HTTP as a signed-in caller. Reference
 * data is created as an admin (the only role that may); {@link #assign} acts as a
 * dispatcher of the job's dispatch groups when this client created the job, as the
 * scheduler of those groups would; everything else presents this client's own token.
 */
public final class AssignmentApi {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The groups of the jobs created through any client: ids are unique across tests. */
	private static final Map<String, List<String>> JOB_GROUPS = new ConcurrentHashMap<>();

	private static final String ADMIN = Tokens.admin("A-test");

	private final String baseUrl;

	private final String token;

	/**
	 * A client of the service at {@code baseUrl} presenting {@code token} (null: none).
	 */
	public AssignmentApi(String baseUrl, String token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	/** The same service, called with another token. */
	public AssignmentApi as(String otherToken) {
		return new AssignmentApi(this.baseUrl, otherToken);
	}

	/** The same service, called by an admin. */
	public AssignmentApi asAdmin() {
		return as(ADMIN);
	}

	/**
	 * The same service, called by dispatcher {@code D-1} of the groups of {@code jobId},
	 * which must have been created through a client of this class.
	 */
	public AssignmentApi asDispatcherOf(String jobId) {
		List<String> groups = JOB_GROUPS.get(jobId);
		if (groups == null) {
			throw new IllegalArgumentException("Job " + jobId + " was not created through this client");
		}
		return as(Tokens.dispatcher("D-1", groups));
	}

	/** A unique id, so tests sharing one stack never collide. */
	public static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public void createGroup(String id) {
		expect(201, asAdmin().post("/api/dispatch-groups", Map.of("id", id, "name", "Group " + id), null));
	}

	public void createContractor(String id, String name) {
		expect(201, asAdmin().post("/api/contractors", Map.of("id", id, "displayName", name), null));
	}

	public void createJob(String id, List<String> groups) {
		expect(201, asAdmin().post("/api/jobs",
				Map.of("id", id, "title", "Replace water heater", "jobType", "PLUMBING", "serviceAddress",
						Map.of("street", "1 Main Street", "city", "Berlin", "postalCode", "10115", "country", "DE"),
						"timeZone", "Europe/Berlin", "dispatchGroups", groups),
				null));
		JOB_GROUPS.put(id, List.copyOf(groups));
	}

	/**
	 * A job in a new dispatch group of its own, and a new contractor: ids no other test
	 * uses.
	 */
	public Fixture newJobAndContractor() {
		var fixture = new Fixture(unique("J"), unique("C"), unique("grp"));
		createGroup(fixture.group());
		createContractor(fixture.contractor(), "Contractor " + fixture.contractor());
		createJob(fixture.job(), List.of(fixture.group()));
		return fixture;
	}

	/** Ids of a job, its contractor and its only dispatch group. */
	public record Fixture(String job, String contractor, String group) {
	}

	public HttpResponse<String> assign(String jobId, String contractorId, Instant start, Duration length,
			String idempotencyKey) {
		return assign(jobId, contractorId, start.toString(), start.plus(length).toString(), idempotencyKey);
	}

	/**
	 * POSTs an assignment: as a dispatcher of the job's groups if this client created the
	 * job, else with this client's token.
	 */
	public HttpResponse<String> assign(String jobId, String contractorId, String start, String end,
			String idempotencyKey) {
		AssignmentApi caller = JOB_GROUPS.containsKey(jobId) ? asDispatcherOf(jobId) : this;
		return caller.post("/api/jobs/" + jobId + "/assignments", Map.of("contractorId", contractorId,
				"scheduledTimeSlot", Map.of("start", start, "end", end, "timeZone", "Europe/Berlin")), idempotencyKey);
	}

	/** Cancels an assignment with this client's token. */
	public HttpResponse<String> cancel(String assignmentId) {
		return post("/api/assignments/" + assignmentId + "/cancel", "", null);
	}

	/**
	 * POSTs {@code body} as JSON: a String as it is (malformed JSON included), anything
	 * else serialized.
	 */
	public HttpResponse<String> post(String path, Object body, String idempotencyKey) {
		String json = body instanceof String text ? text : JSON.writeValueAsString(body);
		var request = request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request);
	}

	/** The response of a GET, whatever its status. */
	public HttpResponse<String> getResponse(String path) {
		return send(request(path).GET());
	}

	/** The JSON of a GET that must answer 200. */
	public JsonNode get(String path) {
		return expect(200, getResponse(path));
	}

	/**
	 * A request to {@code path} with this client's token, for requests the helpers do not
	 * cover.
	 */
	public HttpRequest.Builder request(String path) {
		var request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(30));
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		return request;
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The response's JSON (null when empty), or an AssertionError naming the status and
	 * body.
	 */
	public static JsonNode expect(int status, HttpResponse<String> response) {
		if (response.statusCode() != status) {
			throw new AssertionError(
					"Expected " + status + " but got " + response.statusCode() + ": " + response.body());
		}
		return response.body().isEmpty() ? null : JSON.readTree(response.body());
	}

}
