package com.fieldservice.connect.sns;

import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;

/**
 * The task's metrics, registered through Connect's plugin metrics (KIP-877) so they
 * appear in the worker's JMX and metrics reporters in group {@code plugins}, tagged with
 * the connector and task.
 */
final class SnsSinkMetrics {

	/**
	 * The worker's registry keys sensors by name alone, across all tasks: a per-instance
	 * prefix keeps two tasks in one worker from recording into each other's sensors.
	 */
	private static final AtomicLong INSTANCES = new AtomicLong();

	private final Sensor published;

	private final Sensor failed;

	private final Sensor retried;

	private final Sensor deadLettered;

	private final Sensor batchSize;

	private final Sensor publishLatency;

	SnsSinkMetrics(PluginMetrics metrics) {
		String prefix = "sns-sink-" + INSTANCES.incrementAndGet() + ".";
		this.published = counter(metrics, prefix, "messages-published", "messages SNS accepted");
		this.failed = counter(metrics, prefix, "messages-failed",
				"messages SNS refused in a PublishBatch answer, retried or not");
		this.retried = counter(metrics, prefix, "messages-retried", "messages sent again after a retriable failure");
		this.deadLettered = counter(metrics, prefix, "messages-dead-lettered", "records sent to the dead letter queue");
		this.batchSize = metrics.addSensor(prefix + "batch-size");
		this.batchSize.add(metrics.metricName("batch-size-avg", "Average entries per PublishBatch call", tags()),
				new Avg());
		this.batchSize.add(metrics.metricName("batch-size-max", "Most entries in a PublishBatch call", tags()),
				new Max());
		this.publishLatency = metrics.addSensor(prefix + "publish-latency");
		this.publishLatency.add(
				metrics.metricName("publish-latency-avg-ms",
						"Average time of a PublishBatch call, failed ones included, in milliseconds", tags()),
				new Avg());
		this.publishLatency.add(metrics.metricName("publish-latency-max-ms",
				"Longest PublishBatch call, failed ones included, in milliseconds", tags()), new Max());
	}

	private static Sensor counter(PluginMetrics metrics, String prefix, String name, String what) {
		Sensor sensor = metrics.addSensor(prefix + name);
		sensor.add(metrics.metricName(name + "-total", "Number of " + what, tags()), new CumulativeSum());
		sensor.add(metrics.metricName(name + "-rate", "Per-second rate of " + what, tags()), new Rate());
		return sensor;
	}

	private static LinkedHashMap<String, String> tags() {
		return new LinkedHashMap<>();
	}

	void published(int count) {
		this.published.record(count);
	}

	void failed(int count) {
		this.failed.record(count);
	}

	void retried(int count) {
		this.retried.record(count);
	}

	void deadLettered() {
		this.deadLettered.record();
	}

	void call(int entries, long latencyMs) {
		this.batchSize.record(entries);
		this.publishLatency.record(latencyMs);
	}

}
