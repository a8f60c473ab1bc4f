package com.fieldservice.connect.sns;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes the records of its partitions to SNS, batched per topic in record order;
 * records SNS cannot take go to the dead letter queue, and offsets are committed only
 * past records that SNS or the dead letter queue has.
 */
public class SnsSinkTask extends SinkTask {

	private static final Logger log = LoggerFactory.getLogger(SnsSinkTask.class);

	private final Function<SnsSinkConfig, SnsClient> clients;

	private final Backoff.Sleeper sleeper;

	private final OffsetTracker offsets = new OffsetTracker();

	/** Tracks what SNS accepted and dead-letters what it refused. */
	private final BatchPublisher.Outcomes outcomes = new BatchPublisher.Outcomes() {

		@Override
		public void accepted(SnsMessage message) {
			SnsSinkTask.this.offsets.accepted(message.record());
		}

		@Override
		public void rejected(SnsMessage message, UndeliverableRecordException reason) {
			deadLetter(message.record(), reason);
		}

	};

	private SnsClient client;

	private SnsMessageMapper mapper;

	private BatchPlanner planner;

	private BatchPublisher publisher;

	private SnsSinkMetrics metrics;

	private ErrantRecordReporter deadLetterQueue;

	private long redeliveryBackoffMs;

	public SnsSinkTask() {
		this(SnsClients::create, Thread::sleep);
	}

	/** For tests: a fake SNS and waits that take no time. */
	SnsSinkTask(Function<SnsSinkConfig, SnsClient> clients, Backoff.Sleeper sleeper) {
		this.clients = clients;
		this.sleeper = sleeper;
	}

	@Override
	public String version() {
		return Version.get();
	}

	@Override
	public void start(Map<String, String> props) {
		SnsSinkConfig config = new SnsSinkConfig(props);
		this.metrics = new SnsSinkMetrics(this.context.pluginMetrics());
		// Null unless the connector sets errors.tolerance=all or a dead letter queue
		// topic.
		this.deadLetterQueue = this.context.errantRecordReporter();
		this.client = this.clients.apply(config);
		this.mapper = new SnsMessageMapper(config);
		this.planner = new BatchPlanner(config.batchMaxEntries(), config.batchMaxBytes());
		Backoff backoff = new Backoff(config.retryBackoffMs(), config.retryBackoffMaxMs(), this.sleeper);
		this.publisher = new BatchPublisher(this.client, backoff, config.maxRetries(), config.maxCallRetries(),
				this.metrics);
		this.redeliveryBackoffMs = config.retryBackoffMaxMs();
		if (this.deadLetterQueue == null) {
			log.warn("No dead letter queue: a record SNS refuses will fail the task. Set errors.tolerance=all and"
					+ " errors.deadletterqueue.topic.name to set such records aside instead");
		}
		log.info("SNS sink task started for {}",
				config.topicArn().orElseGet(() -> "the topic in field '" + config.topicArnField().orElseThrow() + "'"));
	}

	@Override
	public void put(Collection<SinkRecord> records) {
		Map<String, List<SnsMessage>> messagesByTopic = new LinkedHashMap<>();
		for (SinkRecord record : records) {
			// A redelivery after a RetriableException: SNS or the dead letter queue has
			// this one already.
			if (this.offsets.isDone(record)) {
				continue;
			}
			try {
				SnsMessage message = this.mapper.map(record);
				messagesByTopic.computeIfAbsent(message.topicArn(), (topic) -> new ArrayList<>()).add(message);
			}
			catch (DataException ex) {
				deadLetter(record, new UndeliverableRecordException(ex.getMessage(), ex));
			}
		}
		try {
			messagesByTopic.forEach((topicArn, messages) -> this.planner.batches(messages)
				.forEach((batch) -> this.publisher.publish(topicArn, batch, this.outcomes)));
		}
		catch (RetriableException ex) {
			// The worker pauses the partitions, waits this long and calls put again with
			// the same records.
			this.context.timeout(this.redeliveryBackoffMs);
			throw ex;
		}
		this.offsets.putCompleted(records);
	}

	private void deadLetter(SinkRecord record, UndeliverableRecordException reason) {
		String where = record.originalTopic() + "-" + record.originalKafkaPartition() + "@"
				+ record.originalKafkaOffset();
		if (this.deadLetterQueue == null) {
			throw new ConnectException("Record " + where + " cannot be published to SNS (" + reason.getMessage()
					+ ") and the connector has no dead letter queue: set errors.tolerance=all and"
					+ " errors.deadletterqueue.topic.name so that such records are set aside and the rest flow on",
					reason);
		}
		log.warn("Sending record {} to the dead letter queue: {}", where, reason.getMessage());
		Future<Void> written = this.deadLetterQueue.report(record, reason);
		this.offsets.deadLettered(record, written);
		this.metrics.deadLettered();
	}

	@Override
	public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
		// put publishes synchronously, so there is nothing to flush: only what is done
		// counts.
		return this.offsets.committable(currentOffsets.keySet());
	}

	@Override
	public void open(Collection<TopicPartition> partitions) {
		this.offsets.forget(partitions);
	}

	@Override
	public void close(Collection<TopicPartition> partitions) {
		this.offsets.forget(partitions);
	}

	@Override
	public void stop() {
		if (this.client != null) {
			this.client.close();
		}
	}

}
