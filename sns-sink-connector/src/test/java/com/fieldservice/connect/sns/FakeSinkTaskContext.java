package com.fieldservice.connect.sns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * What the worker gives a task: a dead letter queue that remembers what it was sent (or
 * none), plugin metrics in a registry the test can read, and the redelivery timeout.
 */
final class FakeSinkTaskContext implements SinkTaskContext {

	private final Metrics metrics = new Metrics();

	private final PluginMetrics pluginMetrics = new PluginMetricsImpl(this.metrics,
			Map.of("connector", "sns-sink", "task", "0"));

	private final DeadLetterQueue deadLetterQueue;

	private long timeout = -1;

	FakeSinkTaskContext(DeadLetterQueue deadLetterQueue) {
		this.deadLetterQueue = deadLetterQueue;
	}

	static FakeSinkTaskContext withDeadLetterQueue() {
		return new FakeSinkTaskContext(new DeadLetterQueue());
	}

	static FakeSinkTaskContext withoutDeadLetterQueue() {
		return new FakeSinkTaskContext(null);
	}

	DeadLetterQueue deadLetterQueue() {
		return this.deadLetterQueue;
	}

	long timeout() {
		return this.timeout;
	}

	/** The value of a plugin metric of the task, by name. */
	double metric(String name) {
		MetricName metricName = this.metrics.metricName(name, "plugins", "",
				Map.of("connector", "sns-sink", "task", "0"));
		return ((Number) this.metrics.metric(metricName).metricValue()).doubleValue();
	}

	@Override
	public ErrantRecordReporter errantRecordReporter() {
		return this.deadLetterQueue;
	}

	@Override
	public PluginMetrics pluginMetrics() {
		return this.pluginMetrics;
	}

	@Override
	public void timeout(long timeoutMs) {
		this.timeout = timeoutMs;
	}

	@Override
	public Map<String, String> configs() {
		return Map.of();
	}

	@Override
	public void offset(Map<TopicPartition, Long> offsets) {
	}

	@Override
	public void offset(TopicPartition tp, long offset) {
	}

	@Override
	public Set<TopicPartition> assignment() {
		return Set.of();
	}

	@Override
	public void pause(TopicPartition... partitions) {
	}

	@Override
	public void resume(TopicPartition... partitions) {
	}

	@Override
	public void requestCommit() {
	}

	/**
	 * A dead letter queue that remembers each record and reason; writes complete at once
	 * unless held.
	 */
	static final class DeadLetterQueue implements ErrantRecordReporter {

		/** One record sent to the queue, with why. */
		record Report(SinkRecord record, Throwable reason) {
		}

		private final List<Report> reports = new ArrayList<>();

		private final List<CompletableFuture<Void>> writes = new ArrayList<>();

		private boolean holdWrites;

		List<Report> reports() {
			return this.reports;
		}

		List<Long> offsets() {
			return this.reports.stream().map((report) -> report.record().kafkaOffset()).toList();
		}

		/** Leaves writes pending until {@link #completeWrites()}. */
		void holdWrites() {
			this.holdWrites = true;
		}

		void completeWrites() {
			this.writes.forEach((write) -> write.complete(null));
		}

		void failWrites(Exception ex) {
			this.writes.forEach((write) -> write.completeExceptionally(ex));
		}

		@Override
		public Future<Void> report(SinkRecord record, Throwable error) {
			this.reports.add(new Report(record, error));
			CompletableFuture<Void> write = new CompletableFuture<>();
			if (!this.holdWrites) {
				write.complete(null);
			}
			this.writes.add(write);
			return write;
		}

	}

}
