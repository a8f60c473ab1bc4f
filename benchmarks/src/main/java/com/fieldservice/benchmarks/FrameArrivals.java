package com.fieldservice.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;

import io.netty.buffer.ByteBuf;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Times each jobAssigned frame from the POST that assigned its job, and from the moment
 * its record became visible on the dispatcher topic, matched by jobId: request {@code i}
 * assigns job {@code <prefix><i>}. Only requests from {@code firstMeasured} on are
 * recorded. All times are this JVM's {@link System#nanoTime()}.
 */
final class FrameArrivals implements WebSocketClients.Listener {

	private final JsonMapper json = JsonMapper.builder().build();

	private final String jobPrefix;

	private final int firstMeasured;

	private final AtomicLongArray postedAt;

	private final AtomicLongArray visibleAt;

	/** Frames per request, measured or not. */
	private final AtomicIntegerArray seen;

	/** Microseconds from POST to frame, one value per frame. */
	private final Histogram total = Latencies.histogram();

	/**
	 * Microseconds from POST to the record being visible on the dispatcher topic, one
	 * value per record.
	 */
	private final Histogram beforePush = Latencies.histogram();

	/**
	 * Microseconds from the record being visible to the frame, one value per frame:
	 * push-service's share.
	 */
	private final Histogram push = Latencies.histogram();

	private final LongAdder frames = new LongAdder();

	FrameArrivals(String jobPrefix, int requests, int firstMeasured) {
		this.jobPrefix = jobPrefix;
		this.firstMeasured = firstMeasured;
		this.postedAt = new AtomicLongArray(requests);
		this.visibleAt = new AtomicLongArray(requests);
		this.seen = new AtomicIntegerArray(requests);
	}

	/**
	 * Notes when request {@code i} is sent; the load generator calls it right before
	 * sending.
	 */
	FixedRateLoad.Post posting(int i, FixedRateLoad.Post request) {
		this.postedAt.set(i, System.nanoTime());
		return request;
	}

	/**
	 * A record of {@code jobId} became visible on the dispatcher topic (the first of its
	 * groups counts).
	 */
	void visible(String jobId) {
		long now = System.nanoTime();
		int request = request(jobId);
		if (request >= 0 && this.visibleAt.compareAndSet(request, 0, now) && request >= this.firstMeasured) {
			Latencies.record(this.beforePush, now - this.postedAt.get(request));
		}
	}

	@Override
	public void onText(int client, ByteBuf content) {
		long now = System.nanoTime();
		JsonNode frame = this.json.readTree(content.toString(StandardCharsets.UTF_8));
		int request = request(frame.path("event").path("jobId").asString(""));
		if (!"jobAssigned".equals(frame.path("type").asString("")) || request < 0) {
			return;
		}
		this.seen.incrementAndGet(request);
		if (request < this.firstMeasured) {
			return;
		}
		Latencies.record(this.total, now - this.postedAt.get(request));
		long visible = this.visibleAt.get(request);
		if (visible != 0) {
			Latencies.record(this.push, now - visible);
		}
		this.frames.increment();
	}

	/** The request that assigned {@code jobId}, or -1 for a job of no request. */
	private int request(String jobId) {
		if (!jobId.startsWith(this.jobPrefix)) {
			return -1;
		}
		int request = Integer.parseInt(jobId.substring(this.jobPrefix.length()));
		return (request < this.postedAt.length() && this.postedAt.get(request) != 0) ? request : -1;
	}

	/**
	 * Waits until a frame of request {@code i} arrived; false if none did within
	 * {@code timeout}.
	 */
	boolean awaitFrameOf(int i, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.seen.get(i) == 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		return this.seen.get(i) > 0;
	}

	/**
	 * Waits until a frame of each request in [{@code from}, {@code to}) arrived; false if
	 * not within {@code timeout}.
	 */
	boolean awaitFramesOf(int from, int to, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (int i = from; i < to; i++) {
			if (!awaitFrameOf(i, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Waits until {@code expected} frames of measured requests arrived, or
	 * {@code timeout} passed.
	 */
	void await(long expected, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (frames() < expected && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
	}

	long frames() {
		return this.frames.sum();
	}

	Histogram total() {
		return this.total.copy();
	}

	Histogram beforePush() {
		return this.beforePush.copy();
	}

	Histogram push() {
		return this.push.copy();
	}

}
