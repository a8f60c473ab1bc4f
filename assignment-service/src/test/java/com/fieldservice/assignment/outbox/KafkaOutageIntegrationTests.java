package com.fieldservice.assignment.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.assignment.support.IntegrationTest;
import com.fieldservice.assignment.support.OutboxTopic;
import com.fieldservice.events.JobAssigned;

/** A broker outage delays events but never refuses or loses an assignment. */
class KafkaOutageIntegrationTests extends IntegrationTest {

	@AfterEach
	void brokerRunsAgain() {
		if (!stack().kafka().isRunning()) {
			stack().kafka().start();
			stack().kafka().awaitReady(Duration.ofSeconds(60));
		}
	}

	@Test
	void assignmentsPostedWhileTheBrokerIsDownArePublishedOnceItIsBack() {
		var api = api();
		var fixtures = new ArrayList<AssignmentApi.Fixture>();
		for (int i = 0; i < 30; i++) {
			fixtures.add(api.newJobAndContractor());
		}
		stack().kafka().stop();

		Set<String> postedEventIds = new HashSet<>();
		for (var fixture : fixtures) {
			var created = AssignmentApi.expect(201, api.assign(fixture.job(), fixture.contractor(),
					Instant.parse("2031-05-05T08:00:00Z"), Duration.ofHours(1), null));
			postedEventIds.add(created.get("eventId").asString());
		}
		Set<String> jobs = new HashSet<>(fixtures.stream().map(AssignmentApi.Fixture::job).toList());
		assertThat(unpublishedOf(jobs)).as("nothing can be published while the broker is down").isEqualTo(30);

		stack().kafka().start();
		stack().kafka().awaitReady(Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(90)).until(() -> unpublishedOf(jobs) == 0);

		List<JobAssigned> published = OutboxTopic.read(stack(), jobs, 30, Duration.ofSeconds(30));
		assertThat(published.stream().map(event -> event.getEventId().toString()).distinct())
			.containsExactlyInAnyOrderElementsOf(postedEventIds);
	}

	/**
	 * A broker outage discards the relay's producers; the schema ids resolved before must
	 * outlive them, or nothing is relayed until the registry is back too. That holds for
	 * an event type the relay has not written yet (AssignmentCancelled here): the relay
	 * resolves every type's schema when it starts, as an instance taking the relay over
	 * from a dead one needs.
	 */
	@Test
	void relaysAfterABrokerOutageWhileTheRegistryIsDown() {
		var api = api();
		var first = api.newJobAndContractor();
		var assigned = AssignmentApi.expect(201, api.assign(first.job(), first.contractor(),
				Instant.parse("2031-06-06T08:00:00Z"), Duration.ofHours(1), null));
		await().atMost(Duration.ofSeconds(30)).until(() -> unpublishedOf(Set.of(first.job())) == 0);
		var fixtures = new ArrayList<AssignmentApi.Fixture>();
		for (int i = 0; i < 10; i++) {
			fixtures.add(api.newJobAndContractor());
		}
		stack().registry().stop();
		try {
			stack().kafka().stop();
			for (var fixture : fixtures) {
				AssignmentApi.expect(201, api.assign(fixture.job(), fixture.contractor(),
						Instant.parse("2031-06-06T08:00:00Z"), Duration.ofHours(1), null));
			}
			AssignmentApi.expect(200, api.asDispatcherOf(first.job()).cancel(assigned.get("id").asString()));
			Set<String> jobs = new HashSet<>(fixtures.stream().map(AssignmentApi.Fixture::job).toList());
			jobs.add(first.job());
			// Long enough for the relay to fail and discard its producers.
			await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() -> true);
			stack().kafka().start();
			stack().kafka().awaitReady(Duration.ofSeconds(60));

			await().atMost(Duration.ofSeconds(60)).until(() -> unpublishedOf(jobs) == 0);
		}
		finally {
			stack().registry().start(stack().postgres().jdbcUrl("registry"));
			stack().registry().awaitReady(Duration.ofSeconds(120));
		}
	}

}
