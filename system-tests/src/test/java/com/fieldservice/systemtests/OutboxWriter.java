package com.fieldservice.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.Topics;
import com.fieldservice.testsupport.AssignmentApi;

/**
 * Publishes to the outbox topic as assignment-service's relay does: keyed by jobId, Avro
 * through the registry, one Kafka transaction per batch.
 */
final class OutboxWriter implements AutoCloseable {

	/** Where a record landed on the outbox topic. */
	record Written(JobAssigned event, int partition, long offset) {
	}

	private final KafkaProducer<String, JobAssigned> producer;

	OutboxWriter(String bootstrapServers, String registryUrl) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.TRANSACTIONAL_ID_CONFIG, AssignmentApi.unique("test-outbox-relay"),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0);
		this.producer = new KafkaProducer<>(config, new StringSerializer(),
				AvroSerdes.<JobAssigned>valueSerializer(registryUrl));
		this.producer.initTransactions();
	}

	/**
	 * Publishes {@code events} in one transaction and returns where each landed, in
	 * order.
	 */
	List<Written> publish(List<JobAssigned> events) throws InterruptedException, ExecutionException {
		this.producer.beginTransaction();
		var sent = new ArrayList<Future<RecordMetadata>>(events.size());
		for (JobAssigned event : events) {
			sent.add(this.producer
				.send(new ProducerRecord<>(Topics.JOB_ASSIGNED_OUTBOX.name(), event.getJobId(), event)));
		}
		this.producer.commitTransaction();
		var written = new ArrayList<Written>(events.size());
		for (int i = 0; i < events.size(); i++) {
			RecordMetadata metadata = sent.get(i).get();
			written.add(new Written(events.get(i), metadata.partition(), metadata.offset()));
		}
		return written;
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
