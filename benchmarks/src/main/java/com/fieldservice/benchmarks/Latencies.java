package com.fieldservice.benchmarks;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Latency histograms in microseconds, up to a minute, written by several threads (event
 * loops, consumer threads) and read by the benchmark's main thread.
 */
final class Latencies {

	private Latencies() {
	}

	static Histogram histogram() {
		return new SynchronizedHistogram(60_000_000L, 3);
	}

	/** Records {@code nanos} as microseconds, clamped to what the histogram holds. */
	static void record(Histogram histogram, long nanos) {
		histogram.recordValue(Math.clamp(nanos / 1000, 0, histogram.getHighestTrackableValue()));
	}

}
