package com.fieldservice.assignment.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.assignment.support.IntegrationTest;
import com.fieldservice.assignment.support.OutboxTopic;
import com.fieldservice.events.JobAssigned;

/**
 * The relay fails between the Kafka commit and the "published" mark (as a crash there
 * would): the row stays unpublished, is sent again, and the copy carries the same event
 * id, for notification-streams to drop.
 *
 * <p>
 * Postgres refuses the first mark of the test's job, by a trigger: stubbing the EventLog
 * spy instead would race with the relay thread, which calls it all the while, and a call
 * of the relay's in the middle of the stubbing takes the stub.
 */
class RelayCrashIntegrationTests extends IntegrationTest {

	@BeforeEach
	void refuseTheFirstMarkOfJobsListedInRelayCrash() {
		jdbc.sql("CREATE TABLE relay_crash (job_id text PRIMARY KEY)").update();
		// A sequence, not a flag in a table: nextval is not undone by the rollback the
		// refusal causes, so the second mark passes.
		jdbc.sql("CREATE SEQUENCE relay_crash_marks").update();
		jdbc.sql("""
				CREATE FUNCTION relay_crash() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF NEW.aggregate_id IN (SELECT job_id FROM relay_crash) AND OLD.published_at IS NULL
				       AND NEW.published_at IS NOT NULL AND nextval('relay_crash_marks') = 1 THEN
				        RAISE EXCEPTION 'relay interrupted after the Kafka commit';
				    END IF;
				    RETURN NEW;
				END $$""").update();
		jdbc.sql("""
				CREATE TRIGGER relay_crash BEFORE UPDATE ON event_log
				FOR EACH ROW EXECUTE FUNCTION relay_crash()""").update();
	}

	@AfterEach
	void dropTheTrigger() {
		jdbc.sql("DROP TRIGGER relay_crash ON event_log").update();
		jdbc.sql("DROP FUNCTION relay_crash()").update();
		jdbc.sql("DROP SEQUENCE relay_crash_marks").update();
		jdbc.sql("DROP TABLE relay_crash").update();
	}

	@Test
	void aCopyResentAfterAFailureBetweenKafkaCommitAndMarkCarriesTheSameEventId() {
		var api = api();
		var fixture = api.newJobAndContractor();
		jdbc.sql("INSERT INTO relay_crash (job_id) VALUES (?)").param(fixture.job()).update();

		var created = AssignmentApi.expect(201, api.assign(fixture.job(), fixture.contractor(),
				Instant.parse("2031-06-02T08:00:00Z"), Duration.ofHours(1), null));

		List<JobAssigned> copies = OutboxTopic.read(stack(), Set.of(fixture.job()), 2, Duration.ofSeconds(30));
		UUID eventId = UUID.fromString(created.get("eventId").asString());
		assertThat(copies).hasSize(2).allSatisfy(copy -> assertThat(copy.getEventId()).isEqualTo(eventId));
		await().atMost(Duration.ofSeconds(10)).until(() -> unpublishedOf(Set.of(fixture.job())) == 0);
	}

}
