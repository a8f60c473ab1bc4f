package com.fieldservice.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.Histogram;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an SQS queue continuously on a thread of its own (long polls, deleting what it
 * read) and times each message from the POST that assigned its job, and from the moment
 * its record became visible to the SNS sink on the canonical topic, matched by jobId:
 * request {@code i} assigns job {@code <prefix><i>}. Counts every copy, so lost and
 * duplicated messages show. Only requests from {@code firstMeasured} on are timed. All
 * times are this JVM's {@link System#nanoTime()}.
 */
final class SqsArrivals implements AutoCloseable {

	private final JsonMapper json = JsonMapper.builder().build();

	private final EmulatorClients clients;

	private final String queueUrl;

	private final String jobPrefix;

	private final int firstMeasured;

	private final AtomicLongArray postedAt;

	private final AtomicLongArray visibleAt;

	/** Messages per request, measured or not. */
	private final AtomicIntegerArray seen;

	/** Microseconds from POST to message, the first copy of each. */
	private final Histogram total = Latencies.histogram();

	/** Microseconds from POST to the record being visible to the sink. */
	private final Histogram beforeSink = Latencies.histogram();

	/**
	 * Microseconds from the record being visible to the message: the sink's and the
	 * emulator's share.
	 */
	private final Histogram sink = Latencies.histogram();

	private final Thread thread;

	private volatile boolean running = true;

	SqsArrivals(EmulatorClients clients, String queueUrl, String jobPrefix, int requests, int firstMeasured) {
		this.clients = clients;
		this.queueUrl = queueUrl;
		this.jobPrefix = jobPrefix;
		this.firstMeasured = firstMeasured;
		this.postedAt = new AtomicLongArray(requests);
		this.visibleAt = new AtomicLongArray(requests);
		this.seen = new AtomicIntegerArray(requests);
		this.thread = Thread.ofPlatform().name("sqs-arrivals").start(this::read);
	}

	/**
	 * Notes when request {@code i} is sent; the load generator calls it right before
	 * sending, at the request's scheduled time.
	 */
	FixedRateLoad.Post posting(int i, FixedRateLoad.Post request) {
		this.postedAt.set(i, System.nanoTime());
		return request;
	}

	/** The record of {@code jobId} became visible on the sink's input topic. */
	void visible(String jobId) {
		long now = System.nanoTime();
		int request = request(jobId);
		if (request >= 0 && this.visibleAt.compareAndSet(request, 0, now) && request >= this.firstMeasured) {
			Latencies.record(this.beforeSink, now - this.postedAt.get(request));
		}
	}

	/** Whether the record of request {@code i} became visible on the sink's input. */
	boolean isVisible(int i) {
		return this.visibleAt.get(i) != 0;
	}

	private void read() {
		while (this.running) {
			try {
				// A long poll answers as soon as a message is there: the wait only bounds
				// how late close() is noticed.
				List<Message> messages = this.clients.receive(this.queueUrl, Duration.ofSeconds(1),
						Duration.ofSeconds(30));
				long now = System.nanoTime();
				messages.forEach(message -> arrived(message, now));
				this.clients.delete(this.queueUrl, messages);
			}
			catch (SdkException ex) {
				// Read on: a message not deleted comes again and counts as a copy.
				System.err.println("Reading " + this.queueUrl + " failed: " + ex.getMessage());
			}
		}
	}

	private void arrived(Message message, long now) {
		int request = request(this.json.readTree(message.body()).path("jobId").asString(""));
		if (request < 0 || this.seen.incrementAndGet(request) > 1 || request < this.firstMeasured) {
			return;
		}
		Latencies.record(this.total, now - this.postedAt.get(request));
		long visible = this.visibleAt.get(request);
		if (visible != 0) {
			Latencies.record(this.sink, now - visible);
		}
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
	 * Waits until a message of each request in [{@code from}, {@code to}) arrived; false
	 * if not within {@code timeout}.
	 */
	boolean awaitMessagesOf(int from, int to, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (int i = from; i < to; i++) {
			while (this.seen.get(i) == 0) {
				if (System.nanoTime() > deadline) {
					return false;
				}
				Thread.sleep(50);
			}
		}
		return true;
	}

	/** Requests in [{@code from}, {@code to}) of which no message arrived. */
	int lost(int from, int to) {
		int lost = 0;
		for (int i = from; i < to; i++) {
			lost += (this.seen.get(i) == 0) ? 1 : 0;
		}
		return lost;
	}

	/** Messages of requests in [{@code from}, {@code to}) beyond the first of each. */
	int duplicated(int from, int to) {
		int copies = 0;
		for (int i = from; i < to; i++) {
			copies += Math.max(0, this.seen.get(i) - 1);
		}
		return copies;
	}

	Histogram total() {
		return this.total.copy();
	}

	Histogram beforeSink() {
		return this.beforeSink.copy();
	}

	Histogram sink() {
		return this.sink.copy();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(Duration.ofSeconds(10));
	}

}
