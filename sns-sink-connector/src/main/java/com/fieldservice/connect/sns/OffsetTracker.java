package com.fieldservice.connect.sns;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Which offsets the task may commit: per partition, up to the end of the last put whose
 * records all were accepted by SNS or written to the dead letter queue, never further, so
 * that a crash republishes and never skips. Also remembers the records of a put that
 * failed midway which are done already, so that their redelivery does not publish them
 * twice.
 */
final class OffsetTracker {

	private final Map<TopicPartition, Partition> partitions = new HashMap<>();

	/** SNS accepted the record. */
	void accepted(SinkRecord record) {
		partition(record).done.add(record.originalKafkaOffset());
	}

	/** The record is on its way to the dead letter queue; done once written. */
	void deadLettered(SinkRecord record, Future<Void> written) {
		Partition partition = partition(record);
		partition.done.add(record.originalKafkaOffset());
		partition.deadLetters.add(written);
	}

	/** Whether the record was accepted or dead-lettered in an earlier try of this put. */
	boolean isDone(SinkRecord record) {
		Partition partition = this.partitions.get(partitionOf(record));
		return partition != null && partition.done.contains(record.originalKafkaOffset());
	}

	/**
	 * Every record of the put is done: each partition may commit past its last one, once
	 * the dead letter queue has the ones sent there.
	 */
	void putCompleted(Collection<SinkRecord> records) {
		Map<TopicPartition, Long> lastOffsets = new HashMap<>();
		for (SinkRecord record : records) {
			lastOffsets.merge(partitionOf(record), record.originalKafkaOffset(), Math::max);
		}
		lastOffsets.forEach((topicPartition, lastOffset) -> {
			Partition partition = this.partitions.computeIfAbsent(topicPartition, (key) -> new Partition());
			partition.checkpoints.add(new Checkpoint(lastOffset + 1, List.copyOf(partition.deadLetters)));
			partition.deadLetters.clear();
			partition.done.clear();
		});
	}

	/**
	 * The offsets to commit for the given partitions: only partitions with progress, each
	 * at the end of its last put whose dead letters are written.
	 * @throws ConnectException when the dead letter queue refused a record, which must
	 * then be processed again
	 */
	Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> assigned) {
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		for (TopicPartition topicPartition : assigned) {
			Partition partition = this.partitions.get(topicPartition);
			if (partition == null) {
				continue;
			}
			while (!partition.checkpoints.isEmpty() && written(topicPartition, partition.checkpoints.peek())) {
				long nextOffset = partition.checkpoints.poll().nextOffset();
				// Records from before the commit may come again (a rewind); the commit
				// never
				// moves back for them.
				if (partition.committable == null || nextOffset > partition.committable.offset()) {
					partition.committable = new OffsetAndMetadata(nextOffset);
				}
			}
			if (partition.committable != null) {
				offsets.put(topicPartition, partition.committable);
			}
		}
		return offsets;
	}

	/**
	 * The task no longer owns these partitions: whoever gets them starts from the commit.
	 */
	void forget(Collection<TopicPartition> topicPartitions) {
		topicPartitions.forEach(this.partitions::remove);
	}

	private static boolean written(TopicPartition topicPartition, Checkpoint checkpoint) {
		for (Future<Void> deadLetter : checkpoint.deadLetters()) {
			if (!deadLetter.isDone()) {
				return false;
			}
			try {
				deadLetter.get();
			}
			catch (ExecutionException ex) {
				throw new ConnectException("The dead letter queue did not take a record of " + topicPartition
						+ "; its offset stays uncommitted so the record is processed again", ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			catch (CancellationException ex) {
				// The worker cancels the dead letters of partitions it takes away.
				return false;
			}
		}
		return true;
	}

	private Partition partition(SinkRecord record) {
		return this.partitions.computeIfAbsent(partitionOf(record), (key) -> new Partition());
	}

	/**
	 * Original coordinates: a transform may rename the topic, but commits use the source.
	 */
	private static TopicPartition partitionOf(SinkRecord record) {
		return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
	}

	/** What one partition has done. */
	private static final class Partition {

		/** Offsets done in the put under way, to skip when it is redelivered. */
		private final Set<Long> done = new HashSet<>();

		/** Dead letters of the put under way. */
		private final List<Future<Void>> deadLetters = new ArrayList<>();

		/** Ends of completed puts, oldest first, waiting for their dead letters. */
		private final Deque<Checkpoint> checkpoints = new ArrayDeque<>();

		private OffsetAndMetadata committable;

	}

	/** The offset after a completed put and the dead letters it has to wait for. */
	private record Checkpoint(long nextOffset, List<Future<Void>> deadLetters) {
	}

}
