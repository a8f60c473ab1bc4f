package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SpringService;
import com.fieldservice.testsupport.AssignmentApi;

/**
 * Postgres crashes (SIGKILL of the postmaster): what assignment-service acknowledged is
 * still there afterwards, requests during the outage get a quick 503 with Retry-After,
 * readiness says DOWN, and the service recovers by itself.
 */
class PostgresCrashIntegrationTests {

	private static final int BURST = 200;

	private static final Duration OUTAGE_ANSWER = Duration.ofSeconds(5);

	private static LocalStack stack;

	private static SpringService service;

	private static AssignmentApi api;

	@BeforeAll
	static void start() {
		stack = SystemStack.startInfrastructure();
		service = stack.startService(LocalStack.ASSIGNMENT_SERVICE);
		api = new AssignmentApi(service.url(), null).asAdmin();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void everyAssignmentAcknowledgedBeforeThePostmasterIsKilledIsThereAfterItsRestart() throws Exception {
		var fixture = api.newJobAndContractor();
		var jobs = new ArrayList<String>();
		for (int i = 0; i < BURST; i++) {
			String job = AssignmentApi.unique("J");
			api.createJob(job, List.of(fixture.group()));
			jobs.add(job);
		}

		Set<String> acknowledged = assignConcurrently(jobs, fixture.contractor());
		stack.postgres().kill();
		stack.postgres().restart();

		assertThat(acknowledged).as("201s of the burst").hasSize(BURST);
		assertThat(storedAssignments(acknowledged)).as("acknowledged assignments found after the crash")
			.containsExactlyInAnyOrderElementsOf(acknowledged);
		awaitReady();
	}

	@Test
	void answers503WithRetryAfterWhileThePostmasterIsDownAndRecoversByItself() throws Exception {
		var fixture = api.newJobAndContractor();
		stack.postgres().kill();
		try {
			Instant asked = Instant.now();
			HttpResponse<String> refused = assign(fixture.job(), fixture.contractor(), "k-" + fixture.job());
			assertThat(Duration.between(asked, Instant.now())).isLessThan(OUTAGE_ANSWER);
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(api.getResponse("/api/jobs/" + fixture.job()).statusCode()).isEqualTo(503);
			assertThat(readiness()).isEqualTo(503);
		}
		finally {
			stack.postgres().restart();
		}

		awaitReady();
		HttpResponse<String> retried = assign(fixture.job(), fixture.contractor(), "k-" + fixture.job());
		AssignmentApi.expect(201, retried);
	}

	private static Set<String> assignConcurrently(List<String> jobs, String contractor) throws Exception {
		Instant firstSlot = Instant.parse("2032-01-05T00:00:00Z");
		var ids = new HashSet<String>();
		try (var pool = Executors.newFixedThreadPool(16)) {
			var responses = new ArrayList<Future<HttpResponse<String>>>();
			for (int i = 0; i < jobs.size(); i++) {
				String job = jobs.get(i);
				Instant start = firstSlot.plus(Duration.ofHours(2L * i));
				responses.add(pool.submit(() -> api.assign(job, contractor, start, Duration.ofHours(1), "k-" + job)));
			}
			for (var response : responses) {
				ids.add(AssignmentApi.expect(201, response.get()).get("id").asString());
			}
		}
		return ids;
	}

	private static HttpResponse<String> assign(String job, String contractor, String key) {
		return api.assign(job, contractor, Instant.parse("2033-01-05T09:00:00Z"), Duration.ofHours(1), key);
	}

	/** The assignments (and their EventLog rows and stored responses) that exist. */
	private static Set<String> storedAssignments(Set<String> ids) throws SQLException {
		var found = new HashSet<String>();
		try (var db = DriverManager.getConnection(stack.postgres().jdbcUrl("assignments"), "postgres", "postgres");
				var query = db.prepareStatement("""
						SELECT a.id FROM assignment a
						JOIN event_log e ON e.event_id = a.event_id
						JOIN idempotency_key k ON k.location = '/api/assignments/' || a.id
						WHERE a.id::text = ANY (?)""")) {
			query.setArray(1, db.createArrayOf("text", ids.toArray()));
			var rows = query.executeQuery();
			while (rows.next()) {
				found.add(rows.getString(1));
			}
		}
		return found;
	}

	private static int readiness() {
		return api.send(api.request("/readyz").GET()).statusCode();
	}

	private static void awaitReady() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (readiness() != 200) {
			assertThat(System.nanoTime()).as("ready again within 60 s").isLessThan(deadline);
			Thread.sleep(250);
		}
	}

}
