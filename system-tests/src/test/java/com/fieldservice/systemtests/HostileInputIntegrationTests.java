package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.testsupport.WebSocketTestClient;

import tools.jackson.databind.JsonNode;

/**
 * Input a hostile client would send, generated, against the running services: every
 * request to assignment-service is refused with a 4xx problem detail, promptly, echoing
 * no token and no stack trace, and stores nothing (counted in Postgres and on the outbox
 * topic); every handshake and frame push-service refuses gets the documented HTTP status,
 * error frame or close code. Nothing hostile reaches a log as a token or a stack trace,
 * and both services are healthy afterwards.
 */
class HostileInputIntegrationTests {

	private static final Pattern STACK_TRACE = Pattern
		.compile("\\tat [a-z]|Exception:|org\\.springframework\\.|" + "java\\.lang\\.|org\\.apache\\.");

	private static final Pattern BEARER = Pattern.compile("Bearer (\\S+)|access_token=([^&\\s]+)");

	static LocalStack stack;

	static AssignmentApi api;

	static String group;

	static String job;

	static String contractor;

	static String assignmentId;

	static String eventId;

	@BeforeAll
	static void setUp() {
		stack = SystemStack.get();
		api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(), null);
		group = AssignmentApi.unique("grp");
		contractor = AssignmentApi.unique("C");
		api.createGroup(group);
		api.createContractor(contractor, "Ada Plumbing");
		String assigned = AssignmentApi.unique("J");
		api.createJob(assigned, List.of(group));
		JsonNode assignment = AssignmentApi.expect(201,
				api.assign(assigned, contractor, Instant.parse("2031-02-03T09:00:00Z"), Duration.ofHours(1), null));
		assignmentId = assignment.get("id").asString();
		eventId = assignment.get("eventId").asString();
		job = AssignmentApi.unique("J");
		api.createJob(job, List.of(group));
	}

	@Test
	void assignmentServiceRefusesEveryHostileRequestWithAProblemDetailAndStoresNothing() throws Exception {
		var requests = new HostileRequests(job, contractor, group, assignmentId, eventId).all();
		Set<String> tokens = tokensIn(requests);
		awaitRelayIdle();
		Map<String, Long> before = stored();
		var logs = new Logs(stack);
		int port = stack.service(LocalStack.ASSIGNMENT_SERVICE).port();

		var failures = new ArrayList<String>();
		var statuses = new java.util.TreeMap<Integer, Integer>();
		for (HostileRequests.Request request : requests) {
			RawHttp.Response response = RawHttp.send(port, request.head(), request.body());
			statuses.merge(response.status(), 1, Integer::sum);
			String failure = refusalProblem(response, tokens);
			if (failure != null) {
				failures.add(printable(request.description() + ": " + failure));
			}
		}

		System.out.printf("%n%d hostile requests to assignment-service, by status: %s%n", requests.size(), statuses);
		failures.forEach((failure) -> System.out.println("  NOT REFUSED: " + failure));
		assertThat(failures).as("requests not refused as a 4xx problem detail").isEmpty();
		assertThat(requests.size()).isGreaterThan(700);
		assertThat(stored()).as("rows and outbox records").isEqualTo(before);
		logs.assertNoTokenOrStackTraceSince(tokens, List.of("assignment-service.log"));
		assertThat(readyz(stack.service(LocalStack.ASSIGNMENT_SERVICE).url())).isEqualTo(200);
	}

	/**
	 * push-service's development token endpoints (public in the dev profile the stack
	 * runs): every malformed id or group is a 400 problem detail, never a token.
	 */
	@Test
	void pushServiceDevTokenEndpointsRefuseEveryMalformedIdWithAProblemDetail() throws Exception {
		List<String> ids = List.of("%00", "D%00", "%00D", "", "%20", "a%20b", "x".repeat(65), "%C3%A9", "%3Cscript%3E",
				"D%0A1", "D%0D%0A1", "..%2F..", "%FF", "%ED%A0%80", "%7B%7D", "%E2%80%AE");
		var paths = new ArrayList<String>();
		for (String role : List.of("dispatcher", "contractor", "admin")) {
			ids.forEach((id) -> paths.add("/dev/tokens/" + role + "?sub=" + id));
		}
		ids.forEach((group) -> paths.add("/dev/tokens/dispatcher?sub=D-1&groups=north," + group));
		assertRefuses(LocalStack.PUSH_SERVICE, "dev-token requests", paths);
	}

	/**
	 * push-service's public contracts (the AsyncAPI document and its Avro schemas): any
	 * other name under their paths, traversals and encodings included, is a 4xx problem
	 * detail, never a file.
	 */
	@Test
	void pushServiceServesNothingButItsContractsUnderTheirPaths() throws Exception {
		List<String> names = List.of("..%2F..%2Fapplication.yml", "%2E%2E/%2E%2E/application.yml", "../application.yml",
				"..;/application.yml", "..%5C..%5Capplication.yml", "%C0%AE%C0%AE/application.yml",
				"JobAssigned.avsc%00", "JobAssigned.avsc%20", "%00", "x".repeat(300) + ".avsc", "asyncapi.yaml/..",
				"%FF.avsc", "index.html", "JobAssigned.avsc/x", "..");
		var paths = new ArrayList<String>();
		for (String directory : List.of("/docs/", "/schemas/src/main/avro/")) {
			names.forEach((name) -> paths.add(directory + name));
		}
		assertRefuses(LocalStack.PUSH_SERVICE, "contract paths", paths);
	}

	/**
	 * push-service's page and scripts at its root: a name beside them, inside the
	 * service's own files or beyond them, encoded or traversed, is a 4xx problem detail,
	 * never a file.
	 */
	@Test
	void pushServiceServesNothingButItsPageAndScriptsAtTheRoot() throws Exception {
		var paths = new ArrayList<String>();
		for (String name : List.of("index.html", "app.js", "job-feed-client.js", "job-feed-client.d.ts", "style.css")) {
			for (String suffix : List.of("%00", "%20", "/x", "/..", ".bak", "~", "%2500")) {
				paths.add("/" + name + suffix);
			}
			paths.add("/static/" + name);
			paths.add("/..%2F" + name);
		}
		paths.addAll(List.of("/application.yml", "/application-dev.yml", "/..%2Fapplication.yml",
				"/%2E%2E/application.yml", "/..;/application.yml", "/%C0%AE%C0%AE/application.yml",
				"/..%5Capplication.yml", "/META-INF/MANIFEST.MF", "/BOOT-INF/classes/application.yml",
				"/com/fieldservice/push/PushServiceApplication.class", "/%FF", "/%00", "/" + "x".repeat(300) + ".js",
				"/.git/config", "/WEB-INF/web.xml"));
		assertRefuses(LocalStack.PUSH_SERVICE, "root paths", paths);
	}

	/**
	 * assignment-service's OpenAPI document: any other path under it, or a group
	 * springdoc does not have, is a 4xx problem detail.
	 */
	@Test
	void assignmentServiceServesNothingButItsApiDocumentUnderItsPath() throws Exception {
		List<String> paths = List.of("/v3/api-docs/..", "/v3/api-docs/%2E%2E/%2E%2E/application.yml",
				"/v3/api-docs/..;/application.yml", "/v3/api-docs.yaml%00", "/v3/api-docs%00", "/v3/api-docs/x",
				"/v3/api-docs/%00", "/v3/api-docs/" + "x".repeat(300), "/v3/api-docs/swagger-config",
				"/v3/api-docs.json", "/v3/api-docs/%FF", "/swagger-ui.html", "/swagger-ui/index.html",
				"/v3/api-docs/..%2F..%2Fapplication.yml");
		assertRefuses(LocalStack.ASSIGNMENT_SERVICE, "OpenAPI paths", paths);
	}

	/**
	 * GETs each path from {@code service} as sent, unencoded further: each must be a 4xx
	 * problem detail, and nothing a stack trace in the log.
	 */
	private static void assertRefuses(String service, String what, List<String> paths) throws IOException {
		var logs = new Logs(stack);
		int port = stack.service(service).port();
		var failures = new ArrayList<String>();
		var statuses = new java.util.TreeMap<Integer, Integer>();
		for (String path : paths) {
			var response = RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port, new byte[0]);
			statuses.merge(response.status(), 1, Integer::sum);
			String failure = refusalProblem(response, Set.of());
			if (failure != null) {
				failures.add(printable(path + ": " + failure));
			}
		}
		System.out.printf("%n%d hostile %s to %s, by status: %s%n", paths.size(), what, service, statuses);
		failures.forEach((failure) -> System.out.println("  NOT REFUSED: " + failure));
		assertThat(failures).as(what + " not refused as a 4xx problem detail").isEmpty();
		logs.assertNoTokenOrStackTraceSince(Set.of(), List.of(service + ".log"));
	}

	@Test
	void pushServiceRefusesEveryHostileHandshakeAndFrameAsDocumented() throws Exception {
		var logs = new Logs(stack);
		var tokens = new LinkedHashSet<String>();
		var failures = new ArrayList<String>();
		int inputs = 0;
		for (HostileHandshake handshake : handshakes()) {
			tokens.add(handshake.token());
			String outcome = outcome(handshake);
			inputs++;
			if (!handshake.expected().contains(outcome)) {
				failures
					.add(handshake.description() + ": got " + outcome + ", expected one of " + handshake.expected());
			}
		}
		int connection = 0;
		for (HostileFrame frame : frames()) {
			// A subscriber of its own per connection: the limit of connections per
			// subscriber
			// must not decide the outcome.
			String dispatcher = Tokens.dispatcher("D-hostile-" + connection++, List.of(group));
			tokens.add(dispatcher);
			String outcome = afterFrame(dispatcher, frame);
			inputs++;
			if (!frame.expected().contains(outcome)) {
				failures.add(frame.description() + ": got " + outcome + ", expected one of " + frame.expected());
			}
		}

		System.out.printf("%n%d hostile handshakes and frames to push-service%n", inputs);
		assertThat(inputs).isGreaterThan(300);
		assertThat(failures).as("handshakes and frames not refused as documented").isEmpty();
		logs.assertNoTokenOrStackTraceSince(tokens, List.of("push-service.log"));
		assertThat(readyz(stack.service(LocalStack.PUSH_SERVICE).url())).isEqualTo(200);
	}

	/**
	 * Null when the response is a prompt 4xx problem detail that echoes no token and no
	 * stack trace.
	 */
	private static String refusalProblem(RawHttp.Response response, Set<String> tokens) {
		if (response.status() < 400 || response.status() >= 500) {
			return "status " + response.status() + " " + abbreviate(response.body());
		}
		if (!response.contentType().startsWith("application/problem+json")) {
			return "content type " + response.contentType() + " " + abbreviate(response.body());
		}
		if (STACK_TRACE.matcher(response.body()).find()) {
			return "a stack trace in " + abbreviate(response.body());
		}
		if (tokens.stream().anyMatch((token) -> response.body().contains(signature(token)))) {
			return "a token in " + abbreviate(response.body());
		}
		if (response.millis() > 10_000) {
			return "answered after " + response.millis() + " ms";
		}
		return null;
	}

	/**
	 * A handshake and what it may end in: an HTTP status, or the code of an error frame
	 * then the close code.
	 */
	record HostileHandshake(String description, String token, String query, String origin, List<String> expected) {
	}

	/** A frame sent after the welcome, and what it may end in. */
	record HostileFrame(String description, String text, byte[] binary, List<String> expected) {
	}

	private static List<HostileHandshake> handshakes() {
		var handshakes = new ArrayList<HostileHandshake>();
		String dispatcher = Tokens.dispatcher("D-hostile", List.of(group));
		Map<String, String> badTokens = new LinkedHashMap<>();
		badTokens.put("no token", null);
		badTokens.put("garbage", "x.y.z");
		badTokens.put("forged", Tokens.signedWith("forged-secret-0123456789abcdef-0123456789", "D-1", "dispatcher"));
		badTokens.put("expired", Tokens.expired("D-1", "dispatcher"));
		badTokens.put("admin", Tokens.admin("A-1"));
		badTokens.put("unknown role", Tokens.withClaims(Map.of("sub", "X-1", "iss", Tokens.ISSUER, "role", "root",
				"exp", Instant.now().plusSeconds(600).getEpochSecond())));
		badTokens.put("NUL in sub", Tokens.withClaims(Map.of("sub", "D\u0000", "iss", Tokens.ISSUER, "role",
				"dispatcher", "exp", Instant.now().plusSeconds(600).getEpochSecond())));
		badTokens.put("empty sub", Tokens.withClaims(Map.of("sub", "", "iss", Tokens.ISSUER, "role", "contractor",
				"exp", Instant.now().plusSeconds(600).getEpochSecond())));
		badTokens.forEach((what, token) -> handshakes
			.add(new HostileHandshake("token " + what, token, "", null, List.of("401"))));
		for (String origin : List.of("http://evil.example", "http://127.0.0.1:1.evil.example", "null", "file://",
				"https://127.0.0.1", "http://localhost.evil.example", "javascript:alert(1)")) {
			handshakes.add(new HostileHandshake("Origin " + origin, dispatcher, "", origin, List.of("403")));
		}
		List<String> malformedSubscriptions = List.of("dispatcher:", ":", "foo:bar", "dispatcher", "contractor:",
				"dispatcher%3A", "%00", "dispatcher:north%00", "dispatcher:%0A", "x".repeat(300),
				"dispatcher:" + group + ",".repeat(200) + "foo:bar", "dispatcher:a,".repeat(101) + "dispatcher:b");
		for (String subscription : malformedSubscriptions) {
			handshakes.add(new HostileHandshake("subscribe " + abbreviate(subscription), dispatcher,
					"subscribe=" + subscription, null, List.of("bad-request 1008", "forbidden 1008", "400")));
		}
		for (String forbidden : List.of("dispatcher:another-group", "contractor:C-7",
				"dispatcher:" + group + ",dispatcher:another-group", "contractor:" + contractor)) {
			handshakes.add(new HostileHandshake("subscribe " + forbidden, dispatcher, "subscribe=" + forbidden, null,
					List.of("forbidden 1008")));
		}
		List<String> malformedPositions = List.of("d1", "d1:", "d1:-1", "d99:1", "x1:1", "d1:1,".repeat(100), "c0:1",
				"d1:99999999999999999999", "d1:1.5", "d:1", "dd1:1", "%00", "d1:1%00", "d1:0x10", "%20");
		for (String position : malformedPositions) {
			handshakes.add(new HostileHandshake("resume " + abbreviate(position), dispatcher, "resume=" + position,
					null, position.equals("%20") ? List.of("welcome") : List.of("bad-request 1008", "400")));
		}
		handshakes.add(new HostileHandshake("two resume positions", dispatcher, "resume=d1:1&resume=d1:2", null,
				List.of("bad-request 1008")));
		return multiplied(handshakes, 4);
	}

	private static List<HostileFrame> frames() {
		var frames = new ArrayList<HostileFrame>();
		List<String> bad = new ArrayList<>(List.of("not json", "{}", "[]", "null", "42", "\"ack\"",
				"{\"type\":\"nack\"}", "{\"type\":\"ack\"}", "{\"type\":\"ack\",\"resume\":\"d1:9223372036854775807\"}",
				"{\"type\":\"ack\",\"resume\":\"c0:1\"}", "{\"type\":\"ack\",\"resume\":\"zz\"}",
				"{\"type\":\"ack\",\"resume\":123}", "{\"type\":\"ack\",\"resume\":\"d1:-5\"}",
				"{\"type\":\"ack\",\"resume\":\"d1:1," + "d2:1,".repeat(70) + "\"}", "{\"type\":" + "[".repeat(3_000),
				"\u0000", "{\"type\":\"\u0000\"}", "{\"type\":\"ping\"}",
				"{\"type\":\"subscribe\",\"to\":\"contractor:C-7\"}",
				"{\"type\":\"ack\",\"resume\":\"d1:1\",\"type\":\"evil\"}", "\ud83d\ude00",
				"{\"type\":\"ack\",\"resume\":null}"));
		for (String text : bad) {
			frames.add(new HostileFrame("frame " + abbreviate(text), text, null, List.of("bad-request open")));
		}
		// Tomcat closes with 1009 before reading the rest of the frame; when the unread
		// bytes make the kernel reset the socket, the client loses that close frame
		// (1006).
		frames.add(new HostileFrame("a frame of 20 KB", "{\"type\":\"ack\",\"resume\":\"" + "x".repeat(20_000) + "\"}",
				null, List.of("close 1009", "close 1006")));
		for (byte[] binary : List.of(new byte[] { 0 }, new byte[] { 1, 2, 3 },
				"{\"type\":\"ack\"}".getBytes(StandardCharsets.UTF_8))) {
			frames.add(new HostileFrame("binary frame of " + binary.length + " bytes", null, binary,
					List.of("bad-request open")));
		}
		return multiplied(frames, 5);
	}

	/** Each input several times over: a refusal must not depend on what came before. */
	private static <T> List<T> multiplied(List<T> inputs, int times) {
		var all = new ArrayList<T>();
		for (int i = 0; i < times; i++) {
			all.addAll(inputs);
		}
		return all;
	}

	/**
	 * What a handshake ended in: {@code 401}, {@code welcome}, or
	 * {@code <error code> <close code>}.
	 */
	private static String outcome(HostileHandshake handshake) throws Exception {
		String push = stack.service(LocalStack.PUSH_SERVICE).url();
		URI uri = WebSocketTestClient.uri(push, handshake.token(), handshake.query());
		Map<String, String> headers = (handshake.origin() != null) ? Map.of("Origin", handshake.origin()) : Map.of();
		WebSocketTestClient client;
		try {
			client = WebSocketTestClient.connect(uri, headers);
		}
		catch (java.util.concurrent.CompletionException ex) {
			return Integer.toString(WebSocketTestClient.refusal(uri, headers).statusCode());
		}
		catch (IllegalArgumentException ex) {
			// The JDK's client refuses to send it at all (an illegal URI): nothing to
			// test.
			return "400";
		}
		try (client) {
			JsonNode first = client.nextFrame();
			if (first.get("type").asString().equals("welcome")) {
				return "welcome";
			}
			var closed = client.closed();
			return first.path("code").asString() + " " + closed.code();
		}
	}

	/** What a frame ended in: {@code <error code> open}, or {@code close <code>}. */
	private static String afterFrame(String token, HostileFrame frame) throws Exception {
		try (var client = WebSocketTestClient.connect(stack.service(LocalStack.PUSH_SERVICE).url(), token)) {
			assertThat(client.next("welcome", Duration.ofSeconds(10))).isNotNull();
			if (frame.binary() != null) {
				client.sendBinary(frame.binary());
			}
			else {
				client.send(frame.text());
			}
			JsonNode error = client.next("error", Duration.ofSeconds(3));
			if (error != null) {
				return error.get("code").asString() + (client.isClosed() ? " closed" : " open");
			}
			var closed = client.closed(Duration.ofSeconds(5));
			return (closed != null) ? "close " + closed.code() : "nothing";
		}
	}

	/**
	 * How many rows assignment-service stores, and how many records its outbox topic
	 * holds.
	 */
	private static Map<String, Long> stored() throws Exception {
		var counts = new LinkedHashMap<String, Long>();
		try (var db = DriverManager.getConnection(stack.postgres().jdbcUrl("assignments"), "postgres", "postgres");
				var statement = db.createStatement()) {
			for (String table : List.of("dispatch_group", "contractor", "job", "assignment", "event_log",
					"idempotency_key")) {
				var rows = statement.executeQuery("SELECT count(*) FROM " + table);
				rows.next();
				counts.put(table, rows.getLong(1));
			}
		}
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
			var partitions = new HashMap<TopicPartition, OffsetSpec>();
			for (int p = 0; p < Topics.JOB_ASSIGNED_OUTBOX.partitions(); p++) {
				partitions.put(new TopicPartition(Topics.JOB_ASSIGNED_OUTBOX.name(), p), OffsetSpec.latest());
			}
			long end = 0;
			for (var offset : admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS).values()) {
				end += offset.offset();
			}
			counts.put(Topics.JOB_ASSIGNED_OUTBOX.name(), end);
		}
		return counts;
	}

	/**
	 * Waits until the relay has published every EventLog row, so the outbox topic stands
	 * still.
	 */
	private static void awaitRelayIdle() {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			try (var db = DriverManager.getConnection(stack.postgres().jdbcUrl("assignments"), "postgres", "postgres");
					var statement = db.createStatement()) {
				var rows = statement.executeQuery("SELECT count(*) FROM event_log WHERE published_at IS NULL");
				rows.next();
				return rows.getLong(1) == 0;
			}
		});
	}

	private static int readyz(String serviceUrl) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(serviceUrl + "/readyz")).build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static Set<String> tokensIn(List<HostileRequests.Request> requests) {
		var tokens = new LinkedHashSet<String>();
		for (var request : requests) {
			var matcher = BEARER.matcher(request.head());
			while (matcher.find()) {
				String token = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
				if (token.chars().filter((c) -> c == '.').count() == 2 && token.length() > 40) {
					tokens.add(token);
				}
			}
		}
		return tokens;
	}

	/** The signature part of a JWT: unique to the token, and what a leak would reveal. */
	private static String signature(String token) {
		String[] parts = token.split("\\.");
		return (parts.length == 3 && parts[2].length() > 10) ? parts[2] : token;
	}

	/**
	 * {@code text} with control characters and lone surrogates escaped, for a readable
	 * report.
	 */
	private static String printable(String text) {
		var printable = new StringBuilder();
		text.chars().forEach((c) -> {
			if (c < 0x20 || Character.isSurrogate((char) c)) {
				printable.append(String.format("\\u%04x", c));
			}
			else {
				printable.append((char) c);
			}
		});
		return printable.toString();
	}

	private static String abbreviate(String text) {
		String oneLine = text.replace("\n", "\\n").replace("\u0000", "\\0");
		return (oneLine.length() <= 80) ? oneLine : oneLine.substring(0, 80) + "…";
	}

	/** The stack's log files, and what each held when the test began. */
	static final class Logs {

		private final Path directory;

		private final Map<Path, Long> sizes = new HashMap<>();

		Logs(LocalStack stack) throws IOException {
			this.directory = stack.settings().dataDir().resolve("logs");
			try (Stream<Path> files = Files.list(this.directory)) {
				files.forEach((file) -> this.sizes.put(file, file.toFile().length()));
			}
		}

		/**
		 * No log file has any of {@code tokens} (or an {@code access_token} parameter) in
		 * what it got since; the {@code services}' logs have no stack trace either.
		 */
		void assertNoTokenOrStackTraceSince(Set<String> tokens, List<String> services) throws IOException {
			try (Stream<Path> files = Files.list(this.directory)) {
				for (Path file : files.toList()) {
					String appended = appended(file);
					for (String token : tokens) {
						if (token == null) {
							continue;
						}
						assertThat(appended).as("a token in %s", file.getFileName()).doesNotContain(signature(token));
					}
					assertThat(appended).as("a token parameter in %s", file.getFileName())
						.doesNotContain("access_token=");
					if (services.contains(file.getFileName().toString())) {
						assertThat(appended).as("a stack trace in %s", file.getFileName())
							.doesNotContainPattern("\\tat ");
					}
				}
			}
		}

		private String appended(Path file) throws IOException {
			long from = this.sizes.getOrDefault(file, 0L);
			try (var log = new RandomAccessFile(file.toFile(), "r")) {
				long length = log.length();
				if (length <= from) {
					return "";
				}
				var bytes = new byte[Math.toIntExact(length - from)];
				log.seek(from);
				log.readFully(bytes);
				return new String(bytes, StandardCharsets.UTF_8);
			}
		}

	}

}
