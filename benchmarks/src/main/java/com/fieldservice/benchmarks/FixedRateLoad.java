package com.fieldservice.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

/**
 * An open-model load generator: sends requests at a fixed rate whatever the latency, and measures each from its
 * scheduled start (so a stall shows up as latency instead of as fewer requests: no coordinated omission).
 */
final class FixedRateLoad {

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** Latencies (microseconds) and failures of one run. */
	record Result(Histogram latencies, int sent, int failed) {

		String summary() {
			return "p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d requests, %d failed)".formatted(
					latencies.getValueAtPercentile(50) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0,
					latencies.getMaxValue() / 1000.0, sent, failed);
		}

	}

	/** Sends {@code rate} requests per second for {@code duration}; request {@code i} comes from the factory. */
	Result run(int rate, Duration duration, int firstIndex, IntFunction<HttpRequest> requests, int expectedStatus) {
		var latencies = new Histogram(60_000_000L, 3);
		var failed = new AtomicInteger();
		int total = (int) (rate * duration.toMillis() / 1000);
		long intervalNanos = 1_000_000_000L / rate;
		long start = System.nanoTime();
		var pending = new CompletableFuture<?>[total];
		for (int i = 0; i < total; i++) {
			long scheduled = start + i * intervalNanos;
			long wait = scheduled - System.nanoTime();
			if (wait > 0) {
				java.util.concurrent.locks.LockSupport.parkNanos(wait);
			}
			pending[i] = http.sendAsync(requests.apply(firstIndex + i), HttpResponse.BodyHandlers.discarding())
				.handle((response, error) -> {
					long micros = (System.nanoTime() - scheduled) / 1000;
					synchronized (latencies) {
						latencies.recordValue(Math.min(micros, latencies.getHighestTrackableValue()));
					}
					if (error != null || response.statusCode() != expectedStatus) {
						failed.incrementAndGet();
					}
					return null;
				});
		}
		CompletableFuture.allOf(pending).join();
		return new Result(latencies, total, failed.get());
	}

}
