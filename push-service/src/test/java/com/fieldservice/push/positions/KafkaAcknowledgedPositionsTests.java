package com.fieldservice.push.positions;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fieldservice.push.realtime.Cursor;
import com.fieldservice.push.security.Subscriber;
import com.fieldservice.schemas.Topics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class KafkaAcknowledgedPositionsTests {

	private static final Subscriber C7 = Subscriber.contractor("C-7");

	private final MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(),
			new StringSerializer());

	private final KafkaAcknowledgedPositions positions = new KafkaAcknowledgedPositions(producer,
			new SimpleMeterRegistry());

	@Test
	void storesAnAcknowledgedPositionKeyedByRoleAndSubject() {
		positions.acknowledge(C7, Cursor.parse("c2:12"));

		assertThat(positions.of(C7)).isEqualTo(Cursor.parse("c2:12"));
		assertThat(producer.history()).singleElement().satisfies((record) -> {
			assertThat(record.topic()).isEqualTo(Topics.PUSH_POSITIONS.name());
			assertThat(record.key()).isEqualTo("contractor:C-7");
			assertThat(record.value()).isEqualTo("c2:12");
		});
	}

	@Test
	void neverMovesBackAndWritesOnlyWhatMovesForward() {
		positions.acknowledge(C7, Cursor.parse("c2:12"));

		positions.acknowledge(C7, Cursor.parse("c2:10"));
		positions.acknowledge(C7, Cursor.parse("c2:12"));

		assertThat(positions.of(C7)).isEqualTo(Cursor.parse("c2:12"));
		assertThat(producer.history()).hasSize(1);
	}

	@Test
	void learnsPositionsAcknowledgedOnOtherInstances() {
		positions.apply(new ConsumerRecord<>(Topics.PUSH_POSITIONS.name(), 0, 0, "contractor:C-7", "c2:20"));

		assertThat(positions.of(C7)).isEqualTo(Cursor.parse("c2:20"));
		assertThat(positions.of(Subscriber.dispatcher("C-7", java.util.List.of()))).isEqualTo(Cursor.NONE);
	}

	@Test
	void forgetsAPositionOnATombstone() {
		positions.acknowledge(C7, Cursor.parse("c2:12"));

		positions.apply(new ConsumerRecord<>(Topics.PUSH_POSITIONS.name(), 0, 1, "contractor:C-7", null));

		assertThat(positions.of(C7)).isEqualTo(Cursor.NONE);
	}

}
