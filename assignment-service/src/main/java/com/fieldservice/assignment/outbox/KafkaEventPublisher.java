package com.fieldservice.assignment.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fieldservice.schemas.TraceParent;

/**
 * Publishes a batch of events in one Kafka transaction (exactly-once producer): either
 * every record of the batch becomes visible to read_committed consumers or none does. Any
 * failure discards the producers, so the next attempt starts from clean ones, and the
 * stable transactional.ids fence a predecessor that crashed.
 *
 * <p>
 * Two transactional producers take turns. A commit returns while the broker still writes
 * the transaction's markers, and the same producer's next transaction would wait for them
 * (CONCURRENT_TRANSACTIONS, retried after a backoff): most of the relay's tail latency.
 * The other producer does not. Order per job holds: a batch is sent only after the
 * previous one committed, so its records come later in every partition, and
 * read_committed consumers see them only after the earlier transaction's markers.
 *
 * <p>
 * One value serializer serves every producer for the publisher's whole life: the schema
 * ids it resolved stay cached when a failure discards the producers, so relaying resumes
 * while the registry is down.
 */
class KafkaEventPublisher implements AutoCloseable {

	private final List<Map<String, Object>> configs;

	private final Serializer<SpecificRecord> valueSerializer;

	private final List<Producer<String, SpecificRecord>> producers;

	private int turn;

	/**
	 * @param producerConfigs one per producer taking turns, each with its own
	 * transactional.id
	 */
	KafkaEventPublisher(List<Map<String, Object>> producerConfigs, Serializer<SpecificRecord> valueSerializer) {
		this.configs = producerConfigs;
		this.valueSerializer = valueSerializer;
		this.producers = new ArrayList<>(Collections.nCopies(producerConfigs.size(), null));
	}

	/**
	 * Two producers taking turns, with the transactional.ids {@code <transactionalId>-0}
	 * and {@code -1}.
	 */
	static List<Map<String, Object>> producerConfigs(String bootstrapServers, String transactionalId) {
		return List.of(producerConfig(bootstrapServers, transactionalId + "-0"),
				producerConfig(bootstrapServers, transactionalId + "-1"));
	}

	static Map<String, Object> producerConfig(String bootstrapServers, String transactionalId) {
		return Map.ofEntries(Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
				Map.entry(ProducerConfig.ACKS_CONFIG, "all"), Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
				// Fail fast while the broker is down: the relay backs off and retries,
				// POSTs are unaffected.
				Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
				Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000),
				Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000),
				Map.entry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000),
				Map.entry(ProducerConfig.LINGER_MS_CONFIG, 0),
				// The next batch's transaction often starts while the broker still writes
				// the previous commit's markers (CONCURRENT_TRANSACTIONS, retried):
				// short, capped backoffs instead of up to a second.
				Map.entry(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5),
				Map.entry(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 50));
	}

	/**
	 * A record to publish for an EventLog row.
	 *
	 * @param traceParent sent as the {@code traceparent} header when not null
	 */
	record Outgoing(UUID eventId, String topic, String key, SpecificRecord value, String traceParent) {

		ProducerRecord<String, SpecificRecord> toRecord() {
			var record = new ProducerRecord<>(topic, key, value);
			if (traceParent != null) {
				record.headers().add(TraceParent.HEADER, traceParent.getBytes(StandardCharsets.US_ASCII));
			}
			return record;
		}

	}

	List<EventLog.Published> publish(List<Outgoing> batch) throws InterruptedException {
		Producer<String, SpecificRecord> current = producer(turn);
		turn = (turn + 1) % producers.size();
		try {
			current.beginTransaction();
			var sent = new ArrayList<Future<RecordMetadata>>(batch.size());
			for (Outgoing outgoing : batch) {
				sent.add(current.send(outgoing.toRecord()));
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
			discardProducers();
			throw new PublishFailed(ex);
		}
	}

	/**
	 * Creates the producers and fences a predecessor now, so the first event does not
	 * wait for it. The producers start side by side: each needs a few round trips to its
	 * transaction coordinator, more while that one aborts a dead leader's transaction;
	 * one after the other, the second added 0.7 s to a takeover on a busy machine.
	 */
	void prepare() {
		var starting = new ArrayList<CompletableFuture<Producer<String, SpecificRecord>>>();
		for (int i = 0; i < producers.size(); i++) {
			int index = i;
			Producer<String, SpecificRecord> existing = producers.get(i);
			starting.add((existing != null) ? CompletableFuture.completedFuture(existing) : CompletableFuture
				.supplyAsync(() -> create(index), Thread.ofPlatform().name("relay-producer-" + index).daemon()::start));
		}
		RuntimeException failure = null;
		for (int i = 0; i < starting.size(); i++) {
			try {
				producers.set(i, starting.get(i).join());
			}
			catch (CompletionException ex) {
				failure = (ex.getCause() instanceof PublishFailed failed) ? failed : new PublishFailed(ex.getCause());
			}
		}
		if (failure != null) {
			discardProducers();
			throw failure;
		}
	}

	private Producer<String, SpecificRecord> producer(int index) {
		Producer<String, SpecificRecord> producer = producers.get(index);
		if (producer == null) {
			producer = create(index);
			producers.set(index, producer);
		}
		return producer;
	}

	/**
	 * A producer with its transactions initialized: a predecessor with its id is fenced.
	 */
	private Producer<String, SpecificRecord> create(int index) {
		var created = new KafkaProducer<>(configs.get(index), new StringSerializer(), new KeptOpen<>(valueSerializer));
		try {
			created.initTransactions();
			return created;
		}
		catch (RuntimeException ex) {
			created.close(java.time.Duration.ZERO);
			throw new PublishFailed(ex);
		}
	}

	@Override
	public void close() {
		discardProducers();
		valueSerializer.close();
	}

	private void discardProducers() {
		for (int i = 0; i < producers.size(); i++) {
			Producer<String, SpecificRecord> producer = producers.set(i, null);
			if (producer != null) {
				producer.close(java.time.Duration.ofSeconds(1));
			}
		}
		turn = 0;
	}

	/** Hands a producer the shared serializer without letting the producer close it. */
	private record KeptOpen<T>(Serializer<T> delegate) implements Serializer<T> {

		@Override
		public byte[] serialize(String topic, T data) {
			return delegate.serialize(topic, data);
		}

		@Override
		public byte[] serialize(String topic, Headers headers, T data) {
			return delegate.serialize(topic, headers, data);
		}

		@Override
		public void close() {
			// Closed with the publisher.
		}

	}

	/**
	 * The batch was not published; nothing of it is visible to read_committed consumers.
	 */
	static class PublishFailed extends RuntimeException {

		PublishFailed(Throwable cause) {
			super(cause.getMessage(), cause);
		}

	}

}
