package com.fieldservice.assignment.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fieldservice.assignment.support.IntegrationTest;
import com.fieldservice.events.EventRouted;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.Topics;
import com.fieldservice.testsupport.AssignmentApi;

/**
 * Routing results from the real topic into the EventLog: every result of a burst is
 * recorded (of a result delivered twice, the later copy), and a record that cannot be
 * read is passed over without holding up the ones behind it.
 */
class RoutingResultsIntegrationTests extends IntegrationTest {

	private static final Instant MONDAY = Instant.parse("2032-03-01T08:00:00Z");

	/** Group names are stored as the topic carries them, separators and quotes too. */
	private static final List<String> GROUPS = List.of("north", "south, \"east\" {1}");

	@Test
	void recordsEveryRoutingResultOfABurstAndPassesOverAnUnreadableOne() throws Exception {
		var api = api();
		var eventIds = new ArrayList<UUID>();
		for (int i = 0; i < 30; i++) {
			var fixture = api.newJobAndContractor();
			AssignmentApi.expect(201,
					api.assign(fixture.job(), fixture.contractor(), MONDAY, Duration.ofHours(1), null));
			eventIds.add(jdbc.sql("SELECT event_id FROM event_log WHERE aggregate_id = ?")
				.param(fixture.job())
				.query(UUID.class)
				.single());
		}
		Instant routedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

		String bootstrap = stack().kafka().bootstrapServers();
		try (var garbage = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
				new StringSerializer(), new ByteArraySerializer())) {
			garbage.send(new ProducerRecord<>(Topics.EVENT_ROUTED.name(), "not-avro", new byte[] { 7, 7, 7 })).get();
		}
		try (var producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
				new StringSerializer(), AvroSerdes.<EventRouted>valueSerializer(stack().registry().url()))) {
			// A receipt delivered twice with different content: the later one counts.
			UUID redelivered = eventIds.getFirst();
			producer.send(new ProducerRecord<>(Topics.EVENT_ROUTED.name(), redelivered.toString(),
					new EventRouted(redelivered, "JobAssigned", List.of("earlier"), "C-earlier", routedAt)));
			for (UUID eventId : eventIds) {
				producer.send(new ProducerRecord<>(Topics.EVENT_ROUTED.name(), eventId.toString(),
						new EventRouted(eventId, "JobAssigned", GROUPS, "C-routed", routedAt)));
			}
			producer.flush();
		}

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(routedOf(eventIds)).isEqualTo(30));
		for (UUID eventId : eventIds) {
			Recorded recorded = jdbc.sql("SELECT routed_groups, routed_at FROM event_log WHERE event_id = ?")
				.param(eventId)
				.query((rs, row) -> new Recorded(List.of((String[]) rs.getArray("routed_groups").getArray()),
						rs.getTimestamp("routed_at").toInstant()))
				.single();
			assertThat(recorded).isEqualTo(new Recorded(GROUPS, routedAt));
		}
	}

	private record Recorded(List<String> groups, Instant routedAt) {
	}

	private long routedOf(List<UUID> eventIds) {
		return jdbc
			.sql("SELECT count(*) FROM event_log WHERE event_id = ANY(?) AND routed_contractor = 'C-routed' "
					+ "AND routed_at IS NOT NULL")
			.param(eventIds.toArray(UUID[]::new))
			.query(Long.class)
			.single();
	}

}
