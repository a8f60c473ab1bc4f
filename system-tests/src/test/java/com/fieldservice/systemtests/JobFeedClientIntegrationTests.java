package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SpringService;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.AsyncApiValidator;
import com.fieldservice.testsupport.Tokens;

import tools.jackson.databind.JsonNode;

/**
 * The protocol client ({@code job-feed-client.js}) tested by its own tests
 * ({@code push-service/src/test/js}, Node's test runner) against a real push-service
 * instance: resume, dedupe, reconnect after a restart, heartbeat watchdog, refusal. This
 * test gives them the URL and a token, and a control endpoint on loopback through which
 * they assign jobs and restart the instance.
 */
class JobFeedClientIntegrationTests {

	private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

	private static final Duration NODE_TIMEOUT = Duration.ofMinutes(5);

	private static final AtomicInteger slots = new AtomicInteger();

	private final LocalStack stack = SystemStack.get();

	private final String groupA = AssignmentApi.unique("grp");

	private final String groupB = AssignmentApi.unique("grp");

	private final String contractor = AssignmentApi.unique("C");

	private AssignmentApi api;

	private SpringService push;

	private HttpServer control;

	@BeforeEach
	void fixture() throws IOException {
		push = PushInstances.second(stack);
		api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-" + groupA, List.of(groupA, groupB)));
		api.createGroup(groupA);
		api.createGroup(groupB);
		api.createContractor(contractor, "Ada Plumbing");
		control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		control.createContext("/assign", (exchange) -> answer(exchange, () -> assign(exchange)));
		control.createContext("/assign-and-cancel", (exchange) -> answer(exchange, () -> assignAndCancel(exchange)));
		control.createContext("/restart-push", (exchange) -> answer(exchange, () -> {
			push.stop();
			List<String> whileDown = assign(exchange);
			PushInstances.second(stack);
			return whileDown;
		}));
		control.start();
	}

	@AfterEach
	void stopControl() {
		control.stop(0);
		PushInstances.second(stack);
	}

	@Test
	void theClientsOwnTestsPassAgainstARealPushService() throws Exception {
		Path output = Files.createTempFile("job-feed-client-tests-", ".log");
		var node = new ProcessBuilder(AsyncApiValidator.node(HOME).toString(), "--test", "--test-reporter=tap",
				"--test-concurrency=1", "--test-force-exit",
				HOME.resolve("push-service/src/test/js/job-feed-client.test.mjs").toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		node.environment()
			.putAll(Map.of("PUSH_WS_URL", push.url().replaceFirst("^http", "ws") + "/ws", "DISPATCHER_TOKEN",
					Tokens.dispatcher("D-" + groupA, List.of(groupA, groupB)), "CONTROL_URL",
					"http://127.0.0.1:" + control.getAddress().getPort()));
		Process process = node.start();
		boolean finished = process.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		if (!finished) {
			// node --test runs each file in a process of its own.
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
		String report = Files.readString(output);
		System.out.println(report);
		Files.delete(output);

		assertThat(finished).as("the client's tests finished within " + NODE_TIMEOUT).isTrue();
		assertThat(process.exitValue()).as("the client's tests:\n" + report).isZero();
		assertThat(report).contains("# pass 6", "# fail 0");
	}

	/**
	 * Assigns {@code count} new jobs of group a, or of groups a and b; their event ids.
	 */
	private List<String> assign(HttpExchange exchange) {
		return assignments(exchange).stream().map((assignment) -> assignment.get("eventId").asString()).toList();
	}

	/**
	 * Assigns as {@link #assign} does, then cancels each assignment; the event ids of the
	 * assignments.
	 */
	private List<String> assignAndCancel(HttpExchange exchange) {
		var eventIds = new ArrayList<String>();
		for (JsonNode assignment : assignments(exchange)) {
			AssignmentApi.expect(200,
					api.asDispatcherOf(assignment.get("jobId").asString()).cancel(assignment.get("id").asString()));
			eventIds.add(assignment.get("eventId").asString());
		}
		return eventIds;
	}

	private List<JsonNode> assignments(HttpExchange exchange) {
		Map<String, String> query = Arrays.stream(exchange.getRequestURI().getQuery().split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0], (pair) -> pair[1]));
		List<String> groups = query.get("groups").equals("a,b") ? List.of(groupA, groupB) : List.of(groupA);
		var assignments = new ArrayList<JsonNode>();
		for (int i = 0; i < Integer.parseInt(query.get("count")); i++) {
			String job = AssignmentApi.unique("J");
			api.createJob(job, groups);
			Instant start = Instant.parse("2033-05-02T00:00:00Z").plus(Duration.ofHours(2L * slots.incrementAndGet()));
			assignments.add(AssignmentApi.expect(201,
					api.assign(job, contractor, start.toString(), start.plus(Duration.ofHours(1)).toString(), null)));
		}
		return assignments;
	}

	private interface Action {

		List<String> run() throws Exception;

	}

	/**
	 * {"eventIds": [...]} with 200, or the failure with 500: the Node test shows either.
	 */
	private static void answer(HttpExchange exchange, Action action) throws IOException {
		int status;
		String body;
		try {
			body = AssignmentApi.JSON.writeValueAsString(Map.of("eventIds", action.run()));
			status = 200;
		}
		catch (Exception ex) {
			body = ex.toString();
			status = 500;
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
