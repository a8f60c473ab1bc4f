package com.fieldservice.assignment.support;

import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import com.fieldservice.assignment.outbox.EventLog;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;

/**
 * Base of the integration tests: the whole service on a real port against real Kafka,
 * registry and Postgres. All tests share one application context (one relay), so the
 * EventLog spy lives here for the crash test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
// The development secret signs the tests' tokens, which the service accepts in the dev
// profile only.
@ActiveProfiles("dev")
public abstract class IntegrationTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@MockitoSpyBean
	protected EventLog eventLog;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		RealInfrastructure.register(registry);
	}

	protected LocalStack stack() {
		return RealInfrastructure.get();
	}

	protected AssignmentApi api() {
		return new AssignmentApi("http://127.0.0.1:" + port, Tokens.dispatcher("D-1", List.of()));
	}

	protected long assignmentsOf(Set<String> jobs) {
		return jdbc.sql("SELECT count(*) FROM assignment WHERE job_id = ANY(?)")
			.param(jobs.toArray(String[]::new))
			.query(Long.class)
			.single();
	}

	protected long eventsOf(Set<String> jobs) {
		return jdbc.sql("SELECT count(*) FROM event_log WHERE aggregate_id = ANY(?)")
			.param(jobs.toArray(String[]::new))
			.query(Long.class)
			.single();
	}

	protected long unpublishedOf(Set<String> jobs) {
		return jdbc.sql("SELECT count(*) FROM event_log WHERE aggregate_id = ANY(?) AND published_at IS NULL")
			.param(jobs.toArray(String[]::new))
			.query(Long.class)
			.single();
	}

}
