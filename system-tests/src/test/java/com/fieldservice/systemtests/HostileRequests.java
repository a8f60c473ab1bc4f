package com.fieldservice.systemtests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;

import tools.jackson.databind.node.ObjectNode;

/**
 * Generates requests to assignment-service that must all be refused: every field of every
 * request body replaced by values it must not take, bodies of the wrong shape, headers,
 * tokens, paths, query strings and methods it must not accept. Each is valid in every way
 * but the one it varies, so each tests one refusal.
 */
final class HostileRequests {

	/** One request: what it varies, and its bytes. */
	record Request(String description, String method, String path, Map<String, String> headers, byte[] body) {

		String head() {
			var head = new StringBuilder(this.method + " " + this.path + " HTTP/1.1\r\nHost: 127.0.0.1");
			this.headers.forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
			return head.toString();
		}

	}

	/**
	 * Stands for a lone surrogate, which a Java string cannot carry into UTF-8: the JSON
	 * escape of U+D800 replaces it in the body sent.
	 */
	static final String LONE_SURROGATE = "LONE-SURROGATE";

	/** Strings no text field of the API may take. */
	static final List<String> HOSTILE_TEXT = List.of("\u0000", "a\u0000b", "\u0001", "line\nbreak", "tab\there",
			" leading", "trailing ", "", "   ", "x".repeat(10_000), HostileRequests.LONE_SURROGATE, "\u001b[31mred");

	/** Further strings no id may take. */
	static final List<String> HOSTILE_IDS = List.of("../etc/passwd", "a b", "x';DROP TABLE job;--", "<script>", "é",
			"%00", "J-1/2", "x".repeat(65));

	/** JSON values of the wrong type for a string field. */
	static final List<Object> WRONG_TYPES = List.of(1, true, List.of(), Map.of());

	static final List<String> HOSTILE_INSTANTS = List.of("294277-01-01T00:00:00Z", "-4714-11-24T00:00:00Z",
			"2031-01-06T09:00:00Z" + " ".repeat(10_000), " 2031-01-06T09:00:00Z", "2031-01-06", "now", "",
			"2031-13-45T99:99:99Z", "+999999999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "2031-01-06T09:00:00+25:00");

	static final List<String> HOSTILE_ZONES = List.of("-1", "+14:00", "SystemV/PST8", "Mars/Olympus", "UTC+1", "EST",
			"../../etc/passwd", "Europe/Berlin ", "Europe/Berlin\u0000", "");

	private final String job;

	private final String contractor;

	private final String group;

	private final String assignmentId;

	private final String eventId;

	private final List<Request> requests = new ArrayList<>();

	/**
	 * @param job an unassigned job of {@code group}, for assignment requests that would
	 * succeed but for their one flaw
	 * @param assignmentId an assignment of {@code job}'s group, for reads and cancels
	 */
	HostileRequests(String job, String contractor, String group, String assignmentId, String eventId) {
		this.job = job;
		this.contractor = contractor;
		this.group = group;
		this.assignmentId = assignmentId;
		this.eventId = eventId;
	}

	/** Every request. */
	List<Request> all() {
		assignmentBodies();
		referenceDataBodies();
		malformedBodies();
		headers();
		tokens();
		paths();
		methods();
		return this.requests;
	}

	private void assignmentBodies() {
		String path = "/api/jobs/" + this.job + "/assignments";
		String token = dispatcher();
		for (String field : List.of("contractorId", "scheduledTimeSlot.timeZone")) {
			List<Object> values = new ArrayList<>(HOSTILE_TEXT);
			values.addAll(WRONG_TYPES);
			if (field.equals("contractorId")) {
				values.addAll(HOSTILE_IDS);
				values.add(null);
			}
			else {
				values.addAll(HOSTILE_ZONES);
			}
			for (Object value : values) {
				post("assignment " + field + "=" + describe(value), path, token, replaced(assignment(), field, value));
			}
		}
		for (String field : List.of("scheduledTimeSlot.start", "scheduledTimeSlot.end")) {
			List<Object> values = new ArrayList<>(HOSTILE_INSTANTS);
			values.addAll(List.of(1_893_456_000, true, List.of(), Map.of()));
			values.add(null);
			for (Object value : values) {
				post("assignment " + field + "=" + describe(value), path, token, replaced(assignment(), field, value));
			}
		}
		post("assignment slot inverted", path, token,
				replaced(assignment(), "scheduledTimeSlot.end", "2031-01-06T08:00:00Z"));
		post("assignment slot of three days", path, token,
				replaced(assignment(), "scheduledTimeSlot.end", "2031-01-09T09:00:00Z"));
		post("assignment assignedBy someone else", path, token, replaced(assignment(), "assignedBy", "D-someone-else"));
		post("assignment without scheduledTimeSlot", path, token, removed(assignment(), "scheduledTimeSlot"));
		post("assignment without contractorId", path, token, removed(assignment(), "contractorId"));
		post("assignment with an unknown field", path, token, replaced(assignment(), "evil", 1));
		post("assignment of an unknown contractor", path, token, replaced(assignment(), "contractorId", "C-nobody"));
		post("assignment of an unknown job", "/api/jobs/J-nobody/assignments", token, assignment().toString());
	}

	private void referenceDataBodies() {
		String token = admin();
		for (String field : List.of("id", "title", "jobType", "timeZone", "serviceAddress.street",
				"serviceAddress.city", "serviceAddress.postalCode", "serviceAddress.region",
				"serviceAddress.country")) {
			List<Object> values = new ArrayList<>(HOSTILE_TEXT);
			values.addAll(WRONG_TYPES);
			if (field.equals("id")) {
				values.addAll(HOSTILE_IDS);
			}
			if (field.equals("timeZone")) {
				values.addAll(HOSTILE_ZONES);
			}
			if (field.equals("serviceAddress.country")) {
				values.addAll(List.of("de", "DEU", "D1"));
			}
			for (Object value : values) {
				if (field.equals("serviceAddress.region") && "".equals(value)) {
					continue;
				}
				post("job " + field + "=" + describe(value), "/api/jobs", token, replaced(job(), field, value));
			}
		}
		for (Object value : List.of(List.of(), List.of("grp-nobody"), List.of(""), "north", List.of(1))) {
			post("job dispatchGroups=" + describe(value), "/api/jobs", token, replaced(job(), "dispatchGroups", value));
		}
		for (String field : List.of("id", "displayName")) {
			for (Object value : hostile(field.equals("id"))) {
				post("contractor " + field + "=" + describe(value), "/api/contractors", token,
						replaced(contractorBody(), field, value));
			}
		}
		for (String field : List.of("id", "name")) {
			for (Object value : hostile(field.equals("id"))) {
				post("group " + field + "=" + describe(value), "/api/dispatch-groups", token,
						replaced(groupBody(), field, value));
			}
		}
		post("contractor that exists", "/api/contractors", token,
				replaced(contractorBody(), "id", this.contractor).toString());
	}

	private void malformedBodies() {
		List<String> bodies = List.of("", "[]", "null", "\"text\"", "42", "{", "{}}", "{\"contractorId\":}",
				"{\"contractorId\":\"C\",}", "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":" + "[".repeat(2_000),
				"\u0000", "{\"contractorId\":\"\\u0000\"}", "x".repeat(20_000),
				"{\"contractorId\":\"" + "x".repeat(20_000) + "\"}");
		for (String endpoint : List.of("/api/jobs/" + this.job + "/assignments", "/api/jobs", "/api/contractors",
				"/api/dispatch-groups")) {
			String token = endpoint.endsWith("/assignments") ? dispatcher() : admin();
			for (String body : bodies) {
				add("malformed body " + describe(body) + " to " + endpoint, "POST", endpoint,
						headers(token, "application/json"), body.getBytes(StandardCharsets.UTF_8));
			}
		}
	}

	private void headers() {
		String path = "/api/jobs/" + this.job + "/assignments";
		byte[] body = assignment().toString().getBytes(StandardCharsets.UTF_8);
		Map<String, String> bodies = Map.of(path, assignment().toString(), "/api/jobs", job().toString(),
				"/api/contractors", contractorBody().toString(), "/api/dispatch-groups", groupBody().toString());
		bodies.forEach((endpoint, json) -> {
			String token = endpoint.endsWith("/assignments") ? dispatcher() : admin();
			for (String type : List.of("*/*", "text/plain", "application/xml", "application/x-www-form-urlencoded",
					"garbage", "application/json; charset=ebcdic-unknown", "multipart/form-data; boundary=x", "",
					"application/", "/json")) {
				add("Content-Type " + describe(type) + " to " + endpoint, "POST", endpoint, headers(token, type),
						json.getBytes(StandardCharsets.UTF_8));
			}
		});
		var noType = new LinkedHashMap<String, String>();
		noType.put("Authorization", "Bearer " + dispatcher());
		add("no Content-Type", "POST", path, noType, body);
		for (String key : List.of("", " ", "   ", "k".repeat(129), "k".repeat(4_000), "ключ", "a b", "tab\tkey")) {
			var withKey = headers(dispatcher(), "application/json");
			withKey.put("Idempotency-Key", key);
			add("Idempotency-Key " + describe(key), "POST", path, withKey, body);
		}
		var twoKeys = headers(dispatcher(), "application/json");
		twoKeys.put("Idempotency-Key", "k1\r\nIdempotency-Key: k2");
		add("two Idempotency-Keys", "POST", path, twoKeys, body);
		var hugeHeader = headers(dispatcher(), "application/json");
		hugeHeader.put("X-Padding", "p".repeat(20_000));
		add("a header of 20 KB", "POST", path, hugeHeader, body);
	}

	private void tokens() {
		var bodies = Map.of("/api/jobs/" + this.job + "/assignments", assignment().toString(), "/api/jobs",
				job().toString(), "/api/contractors", contractorBody().toString());
		Map<String, String> authorizations = new LinkedHashMap<>();
		authorizations.put("none", null);
		authorizations.put("Bearer", "Bearer");
		authorizations.put("Bearer and a space", "Bearer ");
		authorizations.put("not a JWT", "Bearer x.y.z");
		authorizations.put("Basic", "Basic dXNlcjpwYXNz");
		authorizations.put("alg none", "Bearer " + unsigned());
		authorizations.put("forged",
				"Bearer " + Tokens.signedWith("forged-secret-0123456789abcdef-0123456789", "D-1", "dispatcher"));
		authorizations.put("expired", "Bearer " + Tokens.expired("D-1", "dispatcher"));
		authorizations.put("without exp",
				"Bearer " + Tokens.withClaims(Map.of("sub", "D-1", "iss", Tokens.ISSUER, "role", "admin")));
		authorizations.put("of another issuer", "Bearer "
				+ Tokens.withClaims(Map.of("sub", "D-1", "iss", "someone-else", "role", "admin", "exp", future())));
		authorizations.put("without sub",
				"Bearer " + Tokens.withClaims(Map.of("iss", Tokens.ISSUER, "role", "admin", "exp", future())));
		authorizations.put("with an empty sub", "Bearer " + claims("", "admin"));
		authorizations.put("with a NUL in sub", "Bearer " + claims("A\u0000", "admin"));
		authorizations.put("with a sub of 1,000 characters", "Bearer " + claims("a".repeat(1_000), "admin"));
		authorizations.put("of an unknown role", "Bearer " + claims("A-1", "superuser"));
		authorizations.put("without a role",
				"Bearer " + Tokens.withClaims(Map.of("sub", "A-1", "iss", Tokens.ISSUER, "exp", future())));
		authorizations.put("with groups as a string", "Bearer " + Tokens.withClaims(Map.of("sub", "D-1", "iss",
				Tokens.ISSUER, "role", "dispatcher", "groups", this.group, "exp", future())));
		authorizations.put("of a contractor", "Bearer " + Tokens.contractor("C-hostile"));
		bodies.forEach((path, body) -> authorizations.forEach((what, authorization) -> {
			var headers = new LinkedHashMap<String, String>();
			headers.put("Content-Type", "application/json");
			if (authorization != null) {
				headers.put("Authorization", authorization);
			}
			add("token " + what + " on POST " + path, "POST", path, headers, body.getBytes(StandardCharsets.UTF_8));
		}));
		for (String path : List.of("/api/jobs/" + this.job, "/api/jobs/" + this.job + "/assignments",
				"/api/assignments/" + this.assignmentId, "/api/events/" + this.eventId,
				"/api/contractors/" + this.contractor, "/api/dispatch-groups")) {
			authorizations.forEach((what, authorization) -> {
				if (what.equals("of a contractor")) {
					return;
				}
				var headers = new LinkedHashMap<String, String>();
				if (authorization != null) {
					headers.put("Authorization", authorization);
				}
				add("token " + what + " on GET " + path, "GET", path, headers, new byte[0]);
			});
		}
		add("a valid token in the query string instead of the header", "GET",
				"/api/events/" + this.eventId + "?access_token=" + admin(), new LinkedHashMap<>(), new byte[0]);
	}

	private void paths() {
		List<String> ids = List.of("..%2F..%2Fetc%2Fpasswd", "%00", "J%00", "x".repeat(5_000), "%ZZ", "J-1;param=x",
				"%27%20OR%201%3D1%20--", "%E2%80%AE", "%C0%AF", "J%0D%0AX-Injected:%201");
		for (String id : ids) {
			get("GET job " + describe(id), "/api/jobs/" + id, admin());
			get("GET job assignments " + describe(id), "/api/jobs/" + id + "/assignments", admin());
			get("GET contractor " + describe(id), "/api/contractors/" + id, admin());
			post("POST assignment to job " + describe(id), "/api/jobs/" + id + "/assignments", dispatcher(),
					assignment().toString());
		}
		for (String uuid : List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000g", "%00", "1", "x".repeat(100),
				"00000000-0000-0000-0000-000000000000%00")) {
			get("GET assignment " + describe(uuid), "/api/assignments/" + uuid, admin());
			get("GET event " + describe(uuid), "/api/events/" + uuid, admin());
			post("cancel assignment " + describe(uuid), "/api/assignments/" + uuid + "/cancel", dispatcher(), "");
		}
		get("an unknown path", "/api/nothing-here", admin());
		get("a path outside the API", "/etc/passwd", admin());
		get("a traversal out of the API", "/api/../actuator/env", admin());
		get("the actuator on the service's port", "/actuator/env", admin());
		get("a query string of 20 KB", "/api/dispatch-groups?x=" + "q".repeat(20_000), admin());
	}

	private void methods() {
		for (String path : List.of("/api/jobs", "/api/jobs/" + this.job, "/api/jobs/" + this.job + "/assignments",
				"/api/assignments/" + this.assignmentId, "/api/assignments/" + this.assignmentId + "/cancel",
				"/api/contractors", "/api/contractors/" + this.contractor, "/api/dispatch-groups",
				"/api/events/" + this.eventId)) {
			for (String method : List.of("PUT", "DELETE", "PATCH")) {
				add(method + " " + path, method, path, headers(admin(), "application/json"),
						"{}".getBytes(StandardCharsets.UTF_8));
			}
		}
	}

	private List<Object> hostile(boolean id) {
		List<Object> values = new ArrayList<>(HOSTILE_TEXT);
		values.addAll(WRONG_TYPES);
		values.add(null);
		if (id) {
			values.addAll(HOSTILE_IDS);
		}
		return values;
	}

	private ObjectNode assignment() {
		return (ObjectNode) AssignmentApi.JSON.readTree("""
				{"contractorId":"%s","scheduledTimeSlot":{"start":"2031-01-06T09:00:00Z",
				 "end":"2031-01-06T11:00:00Z","timeZone":"Europe/Berlin"}}""".formatted(this.contractor));
	}

	private ObjectNode job() {
		return (ObjectNode) AssignmentApi.JSON.readTree(
				"""
						{"id":"%s","title":"Fix the boiler","jobType":"PLUMBING","timeZone":"Europe/Berlin",
						 "serviceAddress":{"street":"1 Main St","city":"Berlin","postalCode":"10115","region":"BE","country":"DE"},
						 "dispatchGroups":["%s"]}"""
					.formatted(AssignmentApi.unique("J-hostile"), this.group));
	}

	private static ObjectNode contractorBody() {
		return (ObjectNode) AssignmentApi.JSON
			.readTree("{\"id\":\"%s\",\"displayName\":\"Ada\"}".formatted(AssignmentApi.unique("C-hostile")));
	}

	private static ObjectNode groupBody() {
		return (ObjectNode) AssignmentApi.JSON
			.readTree("{\"id\":\"%s\",\"name\":\"North\"}".formatted(AssignmentApi.unique("grp-hostile")));
	}

	/**
	 * {@code body} with the field at dotted {@code path} set to {@code value} (JSON null
	 * for null).
	 */
	private static String replaced(ObjectNode body, String path, Object value) {
		String[] parts = path.split("\\.");
		ObjectNode parent = body;
		for (int i = 0; i < parts.length - 1; i++) {
			parent = (ObjectNode) parent.get(parts[i]);
		}
		parent.set(parts[parts.length - 1], AssignmentApi.JSON.valueToTree(value));
		return body.toString().replace(LONE_SURROGATE, "\\ud800");
	}

	private static String removed(ObjectNode body, String field) {
		body.remove(field);
		return body.toString();
	}

	private void post(String description, String path, String token, String body) {
		add(description, "POST", path, headers(token, "application/json"), body.getBytes(StandardCharsets.UTF_8));
	}

	private void get(String description, String path, String token) {
		add(description, "GET", path, headers(token, null), new byte[0]);
	}

	private void add(String description, String method, String path, Map<String, String> headers, byte[] body) {
		this.requests.add(new Request(description, method, path, headers, body));
	}

	private static LinkedHashMap<String, String> headers(String token, String contentType) {
		var headers = new LinkedHashMap<String, String>();
		headers.put("Authorization", "Bearer " + token);
		if (contentType != null) {
			headers.put("Content-Type", contentType);
		}
		return headers;
	}

	static String admin() {
		return Tokens.admin("A-hostile");
	}

	/**
	 * A dispatcher of the fixture's group, so only the varied part of a request can fail.
	 */
	private String dispatcher() {
		return Tokens.dispatcher("D-hostile", List.of(this.group));
	}

	private static String claims(String subject, String role) {
		return Tokens.withClaims(Map.of("sub", subject, "iss", Tokens.ISSUER, "role", role, "exp", future()));
	}

	private static long future() {
		return java.time.Instant.now().plusSeconds(3_600).getEpochSecond();
	}

	/** A token of the {@code none} algorithm: a header and claims, no signature. */
	private static String unsigned() {
		var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
		String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String claims = encoder.encodeToString(
				("{\"sub\":\"A-1\",\"iss\":\"" + Tokens.ISSUER + "\",\"role\":\"admin\",\"exp\":" + future() + "}")
					.getBytes(StandardCharsets.UTF_8));
		return header + "." + claims + ".";
	}

	private static String describe(Object value) {
		if (value == null) {
			return "null";
		}
		String text = (value instanceof String string) ? "\"" + string + "\"" : String.valueOf(value);
		text = text.replace("\u0000", "\\0").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
		return (text.length() <= 40) ? text : text.substring(0, 40) + "…(" + text.length() + ")";
	}

}
