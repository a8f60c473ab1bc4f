package com.fieldservice.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.HdrHistogram.Histogram;

import com.fieldservice.benchmarks.StreamsBenchmark.Result;

/**
 * Prints the streams benchmark's figures, one column per processing guarantee, and the
 * targets they meet.
 */
final class StreamsReport {

	private final List<Result> results;

	private final int backlog;

	private final int rate;

	private final Duration measure;

	StreamsReport(List<Result> results, int backlog, int rate, Duration measure) {
		this.results = results;
		this.backlog = backlog;
		this.rate = rate;
		this.measure = measure;
	}

	void print(PrintStream out) {
		String commitInterval = StreamsBenchmark.COMMIT_INTERVAL;
		out.printf(
				"%nnotification-streams (the jar, one JVM and one stream thread per guarantee, commit interval %s)%n",
				commitInterval);
		out.printf("  %-58s%s%n", "", columns(Result::guarantee));
		out.printf("  %-58s%s%n", "Throughput draining %,d events (events/s)".formatted(this.backlog),
				columns(result -> "%,.0f".formatted(result.eventsPerSecond())));
		out.printf("  Added latency at %,d events/s for %d s, outbox append -> contractor notification:%n", this.rate,
				this.measure.toSeconds());
		out.printf("  %-58s%s%n", "  appended (both LogAppendTime)        p50 / p99 (ms)",
				columns(result -> percentiles(result.appended())));
		out.printf("  %-58s%s%n", "  visible to a read_committed consumer p50 / p99 (ms)",
				columns(result -> percentiles(result.visible())));
		out.printf("  %-58s%s%n", "  events without a notification after 30 s",
				columns(result -> "%d of %,d".formatted(result.missing(), result.sent())));
		Result exactlyOnce = this.results.getFirst();
		Result atLeastOnce = this.results.getLast();
		out.printf(
				"  %s throughput / %s: %.0f %% (target >= 80 %%); %s p99 added latency: %d ms appended, %d ms visible (target < 100 ms)%n",
				exactlyOnce.guarantee(), atLeastOnce.guarantee(),
				100 * exactlyOnce.eventsPerSecond() / atLeastOnce.eventsPerSecond(), exactlyOnce.guarantee(),
				exactlyOnce.appended().getValueAtPercentile(99), exactlyOnce.visible().getValueAtPercentile(99));
	}

	private String columns(Function<Result, String> cell) {
		var line = new StringBuilder();
		this.results.forEach(result -> line.append("%18s".formatted(cell.apply(result))));
		return line.toString();
	}

	private static String percentiles(Histogram latencies) {
		return "%d / %d".formatted(latencies.getValueAtPercentile(50), latencies.getValueAtPercentile(99));
	}

}
