package com.fieldservice.assignment.assignment;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.CannotCreateTransactionException;

import com.fieldservice.assignment.AssignmentProperties;
import com.fieldservice.assignment.idempotency.IdempotencyKeyReused;
import com.fieldservice.assignment.idempotency.StoredResponse;

/**
 * The HTTP contract of the AssignJob endpoint: statuses, problem details, size limits.
 */
@WebMvcTest(controllers = AssignmentController.class,
		properties = "assignments.security.jwt-secret=test-secret-of-at-least-32-bytes-0123456789")
@EnableConfigurationProperties(AssignmentProperties.class)
@Import(AssignmentControllerTests.WebLayer.class)
class AssignmentControllerTests {

	static final String VALID = """
			{"contractorId":"C-7","scheduledTimeSlot":{"start":"2030-01-07T09:00:00Z","end":"2030-01-07T11:00:00Z"}}""";

	@org.springframework.context.annotation.ComponentScan({ "com.fieldservice.assignment.web",
			"com.fieldservice.assignment.security" })
	static class WebLayer {

	}

	static final RequestPostProcessor DISPATCHER = jwt()
		.jwt(token -> token.subject("D-1").claim("role", "dispatcher").claim("groups", java.util.List.of("north")))
		.authorities(new SimpleGrantedAuthority("ROLE_dispatcher"));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	IdempotentAssignments idempotentAssignments;

	@MockitoBean
	AssignmentService assignments;

	@Test
	void createsAnAssignmentWith201AndItsLocation() throws Exception {
		given(idempotentAssignments.assign(eq("J-1"), any(), any(), any()))
			.willReturn(new StoredResponse(201, "{\"id\":\"a-1\"}", "/api/assignments/a-1"));

		mvc.perform(post("/api/jobs/J-1/assignments").contentType(MediaType.APPLICATION_JSON)
			.content(VALID)
			.with(DISPATCHER))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/assignments/a-1"))
			.andExpect(content().json("{\"id\":\"a-1\"}"));
	}

	@Nested
	class RefusesCallers {

		@Test
		void withoutATokenWith401() throws Exception {
			mvc.perform(post("/api/jobs/J-1/assignments").contentType(MediaType.APPLICATION_JSON).content(VALID))
				.andExpect(status().isUnauthorized());
			verifyNoInteractions(idempotentAssignments);
		}

		@Test
		void withAContractorTokenWith403() throws Exception {
			mvc.perform(post("/api/jobs/J-1/assignments").contentType(MediaType.APPLICATION_JSON)
				.content(VALID)
				.with(jwt().authorities(new SimpleGrantedAuthority("ROLE_contractor"))))
				.andExpect(status().isForbidden());
			verifyNoInteractions(idempotentAssignments);
		}

		@Test
		void withAForgedTokenWith401() throws Exception {
			mvc.perform(post("/api/jobs/J-1/assignments").contentType(MediaType.APPLICATION_JSON)
				.header("Authorization",
						"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJELTEiLCJyb2xlIjoiZGlzcGF0Y2hlciJ9.c2lnbmF0dXJl")
				.content(VALID)).andExpect(status().isUnauthorized());
			verifyNoInteractions(idempotentAssignments);
		}

	}

	@Nested
	class Refuses {

		@Test
		void malformedJsonWith400() throws Exception {
			mvc.perform(post("/api/jobs/J-1/assignments").contentType(MediaType.APPLICATION_JSON)
				.content("{\"contractorId\":")
				.with(DISPATCHER))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(400));
			verifyNoInteractions(idempotentAssignments);
		}

		@Test
		void aWrongTypeWith400() throws Exception {
			mvc.perform(post("/api/jobs/J-1/assignments").contentType(MediaType.APPLICATION_JSON)
				.content("{\"contractorId\":\"C-7\",\"scheduledTimeSlot\":{\"start\":\"tomorrow\",\"end\":5}}")
				.with(DISPATCHER)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.status").value(400));
			verifyNoInteractions(idempotentAssignments);
		}

		@Test
		void aMissingSlotWith400NamingTheField() throws Exception {
			mvc.perform(post("/api/jobs/J-1/assignments").contentType(MediaType.APPLICATION_JSON)
				.content("{\"contractorId\":\"C-7\"}")
				.with(DISPATCHER))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.title").value("Invalid request"))
				.andExpect(jsonPath("$.detail").value("scheduledTimeSlot must not be null"));
			verifyNoInteractions(idempotentAssignments);
		}

		@Test
		void aJoinedIdempotencyKeyWith400NamingTheHeader() throws Exception {
			mvc.perform(post("/api/jobs/J-1/assignments").contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", "k-1", "k-2")
				.content(VALID)
				.with(DISPATCHER))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.title").value("Invalid request"))
				.andExpect(jsonPath("$.detail")
					.value("header Idempotency-Key must be one key of 1 to 128 visible ASCII characters, no comma"));
			verifyNoInteractions(idempotentAssignments);
		}

		@Test
		void aBadJobIdAndABadBodyWith400NamingEach() throws Exception {
			mvc.perform(post("/api/jobs/J 1/assignments").contentType(MediaType.APPLICATION_JSON)
				.content("{\"contractorId\":\"C-7\"}")
				.with(DISPATCHER))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value(
						"jobId must be 1 to 64 letters, digits, '.', '_' or '-'; scheduledTimeSlot must not be null"));
			verifyNoInteractions(idempotentAssignments);
		}

		@Test
		void aBadJobIdOnAReadWith400NamingIt() throws Exception {
			mvc.perform(get("/api/jobs/{jobId}/assignments", "J<1>").with(DISPATCHER))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value("jobId must be 1 to 64 letters, digits, '.', '_' or '-'"));
			verifyNoInteractions(assignments);
		}

		@Test
		void anOversizedBodyWith413() throws Exception {
			String huge = "{\"contractorId\":\"" + "x".repeat(20_000) + "\"}";
			mvc.perform(post("/api/jobs/J-1/assignments").contentType(MediaType.APPLICATION_JSON)
				.content(huge)
				.with(DISPATCHER)).andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.status").value(413));
			verifyNoInteractions(idempotentAssignments);
		}

		@Test
		void aRejectionFromTheServiceWithItsStatusAndTitle() throws Exception {
			given(idempotentAssignments.assign(any(), any(), any(), any())).willThrow(
					AssignmentRejected.conflict("Job already assigned", "Job J-1 already has an active assignment"));

			mvc.perform(post("/api/jobs/J-1/assignments").contentType(MediaType.APPLICATION_JSON)
				.content(VALID)
				.with(DISPATCHER))
				.andExpect(status().isConflict())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.title").value("Job already assigned"))
				.andExpect(jsonPath("$.detail").value("Job J-1 already has an active assignment"));
		}

		@Test
		void aReusedIdempotencyKeyWith422() throws Exception {
			given(idempotentAssignments.assign(any(), any(), any(), eq("k-1")))
				.willThrow(new IdempotencyKeyReused("k-1"));

			mvc.perform(post("/api/jobs/J-1/assignments").contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", "k-1")
				.content(VALID)
				.with(DISPATCHER)).andExpect(status().is(HttpStatus.UNPROCESSABLE_CONTENT.value()));
		}

	}

	@Nested
	class WhileTheDatabaseIsUnreachable {

		@Test
		void answers503WithRetryAfterWhenNoConnectionCanBeHad() throws Exception {
			given(idempotentAssignments.assign(any(), any(), any(), any()))
				.willThrow(new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
						new CannotGetJdbcConnectionException("Connection is not available, request timed out")));

			expect503();
		}

		@Test
		void answers503WithRetryAfterWhenTheConnectionBreaksMidTransaction() throws Exception {
			given(idempotentAssignments.assign(any(), any(), any(), any())).willThrow(
					new DataAccessResourceFailureException("An I/O error occurred while sending to the backend"));

			expect503();
		}

		private void expect503() throws Exception {
			mvc.perform(post("/api/jobs/J-1/assignments").contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", "k-1")
				.content(VALID)
				.with(DISPATCHER))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string("Retry-After", "2"))
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.title").value("Service Unavailable"));
		}

	}

}
