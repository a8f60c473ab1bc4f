package com.fieldservice.assignment.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a batch of events in one Kafka transaction (exactly-once producer): either every record of the
 * batch becomes visible to read_committed consumers or none does. Any failure discards the producer, so the
 * next attempt starts from a clean one, and the stable transactional.id fences a predecessor that crashed.
 */
class KafkaEventPublisher implements AutoCloseable {

	private final Map<String, Object> config;

	private final java.util.function.Supplier<Serializer<SpecificRecord>> valueSerializer;

	private Producer<String, SpecificRecord> producer;

	KafkaEventPublisher(Map<String, Object> producerConfig,
			java.util.function.Supplier<Serializer<SpecificRecord>> valueSerializer) {
		this.config = producerConfig;
		this.valueSerializer = valueSerializer;
	}

	static Map<String, Object> producerConfig(String bootstrapServers, String transactionalId) {
		return Map.ofEntries(Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
				Map.entry(ProducerConfig.ACKS_CONFIG, "all"), Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
				// Fail fast while the broker is down: the relay backs off and retries, POSTs are unaffected.
				Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
				Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000),
				Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000),
				Map.entry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000),
				Map.entry(ProducerConfig.LINGER_MS_CONFIG, 0),
				// The next batch's transaction often starts while the broker still writes the previous commit's
				// markers (CONCURRENT_TRANSACTIONS, retried): short, capped backoffs instead of up to a second.
				Map.entry(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5),
				Map.entry(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 50));
	}

	/** A record to publish for an EventLog row. */
	record Outgoing(UUID eventId, String topic, String key, SpecificRecord value) {
	}

	List<EventLog.Published> publish(List<Outgoing> batch) throws InterruptedException {
		Producer<String, SpecificRecord> current = producer();
		try {
			current.beginTransaction();
			var sent = new ArrayList<Future<RecordMetadata>>(batch.size());
			for (Outgoing outgoing : batch) {
				sent.add(current.send(new ProducerRecord<>(outgoing.topic(), outgoing.key(), outgoing.value())));
			}
			current.commitTransaction();
			var published = new ArrayList<EventLog.Published>(batch.size());
			for (int i = 0; i < batch.size(); i++) {
				RecordMetadata metadata = sent.get(i).get();
				published.add(new EventLog.Published(batch.get(i).eventId(), metadata.topic(), metadata.partition(),
						metadata.offset()));
			}
			return published;
		}
		catch (RuntimeException | ExecutionException ex) {
			close();
			throw new PublishFailed(ex);
		}
	}

	/** Creates the producer and fences a predecessor now, so the first event does not wait for it. */
	void prepare() {
		producer();
	}

	private Producer<String, SpecificRecord> producer() {
		if (producer == null) {
			var created = new KafkaProducer<>(config, new StringSerializer(), valueSerializer.get());
			try {
				created.initTransactions();
			}
			catch (RuntimeException ex) {
				created.close(java.time.Duration.ZERO);
				throw new PublishFailed(ex);
			}
			producer = created;
		}
		return producer;
	}

	@Override
	public void close() {
		if (producer != null) {
			producer.close(java.time.Duration.ofSeconds(1));
			producer = null;
		}
	}

	/** The batch was not published; nothing of it is visible to read_committed consumers. */
	static class PublishFailed extends RuntimeException {

		PublishFailed(Throwable cause) {
			super(cause.getMessage(), cause);
		}

	}

}
