package com.fieldservice.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What keeps read_committed readers waiting: partitions whose last stable offset has not
 * moved since the last look although records wait above it, with the producers whose open
 * transactions hold it, and the transactions open longer than a given age. Printed by the
 * fault suite while a fault lasts and when a destination lags, so a stall names its
 * cause.
 */
final class OpenTransactions implements AutoCloseable {

	private final Admin admin;

	private final List<String> topics;

	private final Map<TopicPartition, Long> lastStable = new HashMap<>();

	OpenTransactions(String bootstrapServers, List<String> topics) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
		this.topics = topics;
	}

	/** What holds readers back now; empty when nothing does. */
	List<String> stalls(Duration age) {
		var lines = new ArrayList<String>();
		try {
			var partitions = admin.describeTopics(topics)
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.values()
				.stream()
				.flatMap((topic) -> topic.partitions()
					.stream()
					.map((partition) -> new TopicPartition(topic.name(), partition.partition())))
				.toList();
			Map<TopicPartition, Long> stable = offsets(partitions, IsolationLevel.READ_COMMITTED);
			Map<TopicPartition, Long> end = offsets(partitions, IsolationLevel.READ_UNCOMMITTED);
			var stuck = partitions.stream()
				.filter((partition) -> stable.get(partition) < end.get(partition)
						&& stable.get(partition).equals(lastStable.get(partition)))
				.toList();
			lastStable.putAll(stable);
			if (!stuck.isEmpty()) {
				var producers = admin.describeProducers(stuck).all().get(10, TimeUnit.SECONDS);
				for (TopicPartition partition : stuck) {
					lines.add(partition + ": last stable offset " + stable.get(partition) + " still, end "
							+ end.get(partition) + "; open: "
							+ producers.get(partition)
								.activeProducers()
								.stream()
								.filter((producer) -> producer.currentTransactionStartOffset().isPresent())
								.map((producer) -> "producer " + producer.producerId() + " epoch "
										+ producer.producerEpoch() + " from offset "
										+ producer.currentTransactionStartOffset().getAsLong() + ", last write "
										+ Instant.ofEpochMilli(producer.lastTimestamp()))
								.toList());
				}
			}
			for (var listing : admin
				.listTransactions(new ListTransactionsOptions().filterOnDuration(age.toMillis())
					.filterStates(List.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT,
							TransactionState.PREPARE_ABORT)))
				.all()
				.get(10, TimeUnit.SECONDS)) {
				var description = admin.describeTransactions(List.of(listing.transactionalId()))
					.description(listing.transactionalId())
					.get(10, TimeUnit.SECONDS);
				lines.add("transaction " + listing.transactionalId() + " (producer " + listing.producerId() + ") "
						+ listing.state() + " since "
						+ description.transactionStartTimeMs().stream().mapToObj(Instant::ofEpochMilli).toList()
						+ " on " + description.topicPartitions());
			}
		}
		catch (Exception ex) {
			lines.add("open transactions not described: " + ex);
		}
		return lines;
	}

	/**
	 * How far consumer group {@code group} is behind the last stable offsets of what it
	 * committed, per partition: where a Connect sink stands.
	 */
	String lagOf(String group) {
		try {
			var committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			Map<TopicPartition, Long> stable = offsets(List.copyOf(committed.keySet()), IsolationLevel.READ_COMMITTED);
			return group + " behind by "
					+ committed.entrySet()
						.stream()
						.collect(Collectors.toMap(Map.Entry::getKey,
								(entry) -> stable.get(entry.getKey()) - entry.getValue().offset()));
		}
		catch (Exception ex) {
			return group + ": offsets not read: " + ex;
		}
	}

	private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, IsolationLevel isolation)
			throws Exception {
		return admin
			.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), (p) -> OffsetSpec.latest())),
					new ListOffsetsOptions(isolation))
			.all()
			.get(10, TimeUnit.SECONDS)
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
	}

	@Override
	public void close() {
		admin.close(Duration.ofSeconds(5));
	}

}
