package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.testsupport.WebSocketTestClient;

import tools.jackson.databind.JsonNode;

/**
 * Every endpoint of assignment-service and every WebSocket destination of push-service,
 * called by every kind of caller, against the running services: the dispatcher of the
 * resource's group, a dispatcher of another group, the contractor it concerns, another
 * contractor, an admin, no token and an expired token. The whole matrix is printed and
 * compared with the rules of docs/api.md.
 */
class AuthorizationMatrixIntegrationTests {

	private static final Instant MONDAY = Instant.parse("2030-01-07T09:00:00Z");

	private static final Duration FRAME = Duration.ofSeconds(30);

	/** Days after MONDAY the contractor is booked on, one per assignment. */
	private static final AtomicInteger slots = new AtomicInteger();

	private static final List<String> CALLERS = List.of("dispatcher of the group", "dispatcher of another group",
			"the contractor", "another contractor", "admin", "no token", "expired token");

	static LocalStack stack;

	static AssignmentApi api;

	static String group;

	static String otherGroup;

	static String contractor;

	static String otherContractor;

	static String job;

	static String assignmentId;

	static String eventId;

	static Map<String, String> tokens;

	@BeforeAll
	static void setUp() {
		stack = SystemStack.get();
		api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(), null);
		group = newGroup();
		otherGroup = newGroup();
		contractor = newContractor();
		otherContractor = newContractor();
		job = newJob(group);
		JsonNode assignment = AssignmentApi.expect(201, api.assign(job, contractor, MONDAY, Duration.ofHours(1), null));
		assignmentId = assignment.get("id").asString();
		eventId = assignment.get("eventId").asString();
		String otherJob = newJob(otherGroup);
		AssignmentApi.expect(201, api.assign(otherJob, otherContractor, MONDAY, Duration.ofHours(1), null));
		tokens = new LinkedHashMap<>();
		tokens.put(CALLERS.get(0), Tokens.dispatcher("D-own", List.of(group)));
		tokens.put(CALLERS.get(1), Tokens.dispatcher("D-other", List.of(otherGroup)));
		tokens.put(CALLERS.get(2), Tokens.contractor(contractor));
		tokens.put(CALLERS.get(3), Tokens.contractor(otherContractor));
		tokens.put(CALLERS.get(4), Tokens.admin("A-1"));
		tokens.put(CALLERS.get(5), null);
		tokens.put(CALLERS.get(6), Tokens.expired("D-own", "dispatcher"));
	}

	@Test
	void everyEndpointAndDestinationAnswersEveryCallerAsTheRulesSay() {
		Map<String, List<String>> expected = new LinkedHashMap<>();
		Map<String, Function<String, String>> calls = new LinkedHashMap<>();
		// callers: own dispatcher, other dispatcher, contractor, other contractor, admin,
		// none, expired
		row(calls, expected, "GET /api/jobs/{job}", (token) -> get(token, "/api/jobs/" + job),
				"200 404 200 404 200 401 401");
		row(calls, expected, "GET /api/jobs/{job}/assignments",
				(token) -> get(token, "/api/jobs/" + job + "/assignments"), "200 404 200 404 200 401 401");
		row(calls, expected, "GET /api/assignments/{id}", (token) -> get(token, "/api/assignments/" + assignmentId),
				"200 404 200 404 200 401 401");
		row(calls, expected, "GET /api/events/{eventId}", (token) -> get(token, "/api/events/" + eventId),
				"200 404 200 404 200 401 401");
		row(calls, expected, "GET /api/contractors/{contractor}",
				(token) -> get(token, "/api/contractors/" + contractor), "200 200 200 404 200 401 401");
		row(calls, expected, "GET /api/dispatch-groups", (token) -> get(token, "/api/dispatch-groups"),
				"200 200 403 403 200 401 401");
		row(calls, expected, "POST /api/jobs", (token) -> status(api.as(token)
			.post("/api/jobs",
					Map.of("id", AssignmentApi.unique("J"), "title", "Fix", "jobType", "PLUMBING", "serviceAddress",
							Map.of("street", "1 Main St", "city", "Berlin", "postalCode", "10115", "country", "DE"),
							"timeZone", "Europe/Berlin", "dispatchGroups", List.of(group)),
					null)),
				"403 403 403 403 201 401 401");
		row(calls, expected, "POST /api/contractors",
				(token) -> status(api.as(token)
					.post("/api/contractors", Map.of("id", AssignmentApi.unique("C"), "displayName", "New"), null)),
				"403 403 403 403 201 401 401");
		row(calls, expected, "POST /api/dispatch-groups",
				(token) -> status(api.as(token)
					.post("/api/dispatch-groups", Map.of("id", AssignmentApi.unique("grp"), "name", "New"), null)),
				"403 403 403 403 201 401 401");
		row(calls, expected, "POST /api/jobs/{job}/assignments",
				(token) -> status(api.as(token)
					.post("/api/jobs/" + newJob(group) + "/assignments",
							Map.of("contractorId", newContractor(), "scheduledTimeSlot",
									Map.of("start", "2031-01-06T09:00:00Z", "end", "2031-01-06T10:00:00Z")),
							null)),
				"201 404 403 403 403 401 401");
		row(calls, expected, "POST /api/assignments/{id}/cancel",
				(token) -> status(api.as(token).cancel(newAssignment())), "200 404 403 403 403 401 401");
		// Public, but push-service refuses a token it does not take (an admin's has no
		// stream, an expired one) wherever it is presented.
		row(calls, expected, "GET push-service /docs/asyncapi.yaml (public)",
				(token) -> status(new AssignmentApi(stack.service(LocalStack.PUSH_SERVICE).url(), token)
					.getResponse("/docs/asyncapi.yaml")),
				"200 200 200 200 401 200 401");
		// Public; a token presented is still checked.
		row(calls, expected, "GET /v3/api-docs (public)", (token) -> get(token, "/v3/api-docs"),
				"200 200 200 200 200 200 401");
		row(calls, expected, "GET push-service /job-feed-client.js (public)",
				(token) -> status(new AssignmentApi(stack.service(LocalStack.PUSH_SERVICE).url(), token)
					.getResponse("/job-feed-client.js")),
				"200 200 200 200 401 200 401");
		row(calls, expected, "WebSocket /ws (everything the token allows)", (token) -> webSocket(token, ""),
				"welcome welcome welcome welcome 401 401 401");
		row(calls, expected, "WebSocket /ws?subscribe=dispatcher:{group}",
				(token) -> webSocket(token, "subscribe=dispatcher:" + group),
				"welcome forbidden forbidden forbidden 401 401 401");
		row(calls, expected, "WebSocket /ws?subscribe=contractor:{contractor}",
				(token) -> webSocket(token, "subscribe=contractor:" + contractor),
				"forbidden forbidden welcome forbidden 401 401 401");
		row(calls, expected, "WebSocket /ws: assignmentCancelled of a job of {group} for {contractor}",
				AuthorizationMatrixIntegrationTests::cancellationSeenBy, "frame none frame none 401 401 401");

		Map<String, List<String>> actual = new LinkedHashMap<>();
		calls.forEach((endpoint, call) -> {
			var outcomes = new ArrayList<String>();
			tokens.values().forEach((token) -> outcomes.add(call.apply(token)));
			actual.put(endpoint, outcomes);
		});
		System.out.println(table(actual));
		assertThat(actual).as("outcome per endpoint, by caller: %s", CALLERS).isEqualTo(expected);
	}

	private static void row(Map<String, Function<String, String>> calls, Map<String, List<String>> expected,
			String endpoint, Function<String, String> call, String outcomes) {
		calls.put(endpoint, call);
		expected.put(endpoint, List.of(outcomes.split(" ")));
	}

	private static String get(String token, String path) {
		return status(api.as(token).getResponse(path));
	}

	/** The status, after checking that a refusal is a problem detail. */
	private static String status(HttpResponse<String> response) {
		if (response.statusCode() >= 400) {
			assertThat(response.headers().firstValue("Content-Type")).as(response.uri() + " " + response.statusCode())
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
		return Integer.toString(response.statusCode());
	}

	/**
	 * {@code welcome}, the code of the error frame that refused the subscription, or the
	 * handshake's status.
	 */
	private static String webSocket(String token, String query) {
		String push = stack.service(LocalStack.PUSH_SERVICE).url();
		try (var client = WebSocketTestClient.connect(push, token, query)) {
			JsonNode first = client.nextFrame();
			return first.get("type").asString().equals("welcome") ? "welcome" : first.get("code").asString();
		}
		catch (CompletionException ex) {
			return Integer.toString(WebSocketTestClient.refusal(push, token).statusCode());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * {@code frame} if a client of {@code token} gets the assignmentCancelled of a job of
	 * the group assigned to the contractor, {@code none} if it does not while a watching
	 * dispatcher of the group does, or the handshake's status.
	 */
	private static String cancellationSeenBy(String token) {
		String push = stack.service(LocalStack.PUSH_SERVICE).url();
		try (var watcher = WebSocketTestClient.connect(push, tokens.get(CALLERS.get(0)));
				var client = WebSocketTestClient.connect(push, token)) {
			assertThat(watcher.next("welcome", FRAME)).isNotNull();
			assertThat(client.next("welcome", FRAME)).isNotNull();
			Instant start = MONDAY.plus(Duration.ofDays(slots.incrementAndGet()));
			String job = newJob(group);
			String id = AssignmentApi.expect(201, api.assign(job, contractor, start, Duration.ofHours(1), null))
				.get("id")
				.asString();
			AssignmentApi.expect(200, api.asDispatcherOf(job).cancel(id));
			assertThat(watcher.next("assignmentCancelled", FRAME)).as("the watcher's cancellation").isNotNull();
			JsonNode frame = client.next("assignmentCancelled", Duration.ofSeconds(2));
			return (frame != null && frame.at("/event/assignmentId").asString().equals(id)) ? "frame" : "none";
		}
		catch (CompletionException ex) {
			return Integer.toString(WebSocketTestClient.refusal(push, token).statusCode());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String newAssignment() {
		String newJob = newJob(group);
		return AssignmentApi.expect(201, api.assign(newJob, newContractor(), MONDAY, Duration.ofHours(1), null))
			.get("id")
			.asString();
	}

	private static String newGroup() {
		String id = AssignmentApi.unique("grp");
		api.createGroup(id);
		return id;
	}

	private static String newContractor() {
		String id = AssignmentApi.unique("C");
		api.createContractor(id, "Contractor " + id);
		return id;
	}

	private static String newJob(String jobGroup) {
		String id = AssignmentApi.unique("J");
		api.createJob(id, List.of(jobGroup));
		return id;
	}

	private static String table(Map<String, List<String>> outcomes) {
		var text = new StringBuilder(
				"\nAuthorization matrix (rows: endpoint; columns: " + String.join(" | ", CALLERS) + ")\n");
		outcomes
			.forEach((endpoint, row) -> text.append(String.format("  %-55s %s%n", endpoint, String.join(" | ", row))));
		return text.toString();
	}

}
