package com.fieldservice.assignment.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.assignment.support.IntegrationTest;
import com.fieldservice.assignment.support.OutboxTopic;
import com.fieldservice.events.JobAssigned;

/**
 * The relay fails between the Kafka commit and the "published" mark (as a crash there
 * would): the row stays unpublished, is sent again, and the copy carries the same event
 * id, for notification-streams to drop.
 */
class RelayCrashIntegrationTests extends IntegrationTest {

	@Test
	void aCopyResentAfterAFailureBetweenKafkaCommitAndMarkCarriesTheSameEventId() {
		doThrow(new IllegalStateException("relay interrupted after the Kafka commit")).doCallRealMethod()
			.when(eventLog)
			.markPublished(any());
		var api = api();
		var fixture = api.newJobAndContractor();

		var created = AssignmentApi.expect(201, api.assign(fixture.job(), fixture.contractor(),
				Instant.parse("2031-06-02T08:00:00Z"), Duration.ofHours(1), null));

		List<JobAssigned> copies = OutboxTopic.read(stack(), Set.of(fixture.job()), 2, Duration.ofSeconds(30));
		UUID eventId = UUID.fromString(created.get("eventId").asString());
		assertThat(copies).hasSize(2).allSatisfy(copy -> assertThat(copy.getEventId()).isEqualTo(eventId));
		await().atMost(Duration.ofSeconds(10)).until(() -> unpublishedOf(Set.of(fixture.job())) == 0);
	}

}
