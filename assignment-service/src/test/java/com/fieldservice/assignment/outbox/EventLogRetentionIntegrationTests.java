package com.fieldservice.assignment.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fieldservice.assignment.AssignmentProperties;
import com.fieldservice.assignment.support.IntegrationTest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Retention on the real Postgres: rows published longer ago than the retention go,
 * recently published and unpublished rows stay.
 */
class EventLogRetentionIntegrationTests extends IntegrationTest {

	/** Every row of these tests carries it, so they touch and clean up only their own. */
	private final String aggregate = "retention-test-" + UUID.randomUUID();

	@Autowired
	EventLogRetention retention;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void deleteTheRowsOfTheTest() {
		jdbc.sql("DELETE FROM event_log WHERE aggregate_id = ?").param(aggregate).update();
	}

	@Test
	void deletesRowsPublishedLongerAgoThanTheRetention() throws InterruptedException {
		double deletedBefore = meters.counter("outbox.retention.deleted").count();
		UUID old = insert(ago(Duration.ofDays(61)), ago(Duration.ofDays(60)));
		UUID older = insert(ago(Duration.ofDays(400)), ago(Duration.ofDays(400)));

		retention.run();

		assertThat(exists(old)).isFalse();
		assertThat(exists(older)).isFalse();
		assertThat(meters.counter("outbox.retention.deleted").count()).isGreaterThanOrEqualTo(deletedBefore + 2);
	}

	@Test
	void keepsRowsPublishedWithinTheRetentionHoweverOldTheEvent() throws InterruptedException {
		UUID recent = insert(ago(Duration.ofHours(1)), ago(Duration.ofHours(1)));
		UUID publishedLate = insert(ago(Duration.ofDays(45)), ago(Duration.ofHours(3)));

		retention.run();

		assertThat(exists(recent)).isTrue();
		assertThat(exists(publishedLate)).as("age counts from publication, not creation").isTrue();
	}

	@Test
	void neverDeletesAnUnpublishedRowHoweverOld() throws InterruptedException {
		// The relay would publish the row (or fail on its payload): it sees an empty
		// queue for the test.
		doReturn(List.of()).when(eventLog).unpublished(anyInt());
		UUID unpublished = insert(ago(Duration.ofDays(365)), null);

		retention.run();

		assertThat(exists(unpublished)).isTrue();
	}

	@Test
	void deletesEveryExpiredRowInSeveralBatchesWhenTheyOutnumberTheBatchSize() throws InterruptedException {
		// One day, not the default 30: the scheduled retention of the application leaves
		// these rows to this one.
		var settings = new AssignmentProperties.Retention(Duration.ofDays(1), 3, Duration.ofHours(1),
				Duration.ofMillis(1));
		var registry = new SimpleMeterRegistry();
		var smallBatches = new EventLogRetention(eventLog, settings, registry);
		for (int i = 0; i < 10; i++) {
			insert(ago(Duration.ofDays(3)), ago(Duration.ofDays(2)));
		}

		long deleted = smallBatches.run();

		assertThat(deleted).isEqualTo(10);
		assertThat(rowsOfTheTest()).isZero();
		verify(eventLog, times(4)).deletePublished(Duration.ofDays(1), 3);
		assertThat(registry.counter("outbox.retention.deleted").count()).isEqualTo(10);
	}

	private UUID insert(Instant createdAt, Instant publishedAt) {
		UUID eventId = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO event_log (event_id, event_type, aggregate_id, payload, created_at, published_at)
				VALUES (?, 'JobAssigned', ?, '{}'::jsonb, ?, ?)""")
			.params(eventId, aggregate, Timestamp.from(createdAt),
					publishedAt == null ? null : Timestamp.from(publishedAt))
			.update();
		return eventId;
	}

	private boolean exists(UUID eventId) {
		return jdbc.sql("SELECT count(*) FROM event_log WHERE event_id = ?")
			.param(eventId)
			.query(Long.class)
			.single() == 1;
	}

	private long rowsOfTheTest() {
		return jdbc.sql("SELECT count(*) FROM event_log WHERE aggregate_id = ?")
			.param(aggregate)
			.query(Long.class)
			.single();
	}

	private static Instant ago(Duration age) {
		return Instant.now().minus(age);
	}

}
