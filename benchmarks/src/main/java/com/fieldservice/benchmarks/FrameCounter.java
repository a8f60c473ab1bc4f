package com.fieldservice.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Counts the jobAssigned frames of all clients and notes when the first and the last
 * arrived; keeps the frames of one client. Other frame types (welcome, caughtUp, ping,
 * presence) are not counted.
 */
final class FrameCounter implements WebSocketClients.Listener {

	/**
	 * Looked for in the raw bytes: decoding a million frames would make the clients the
	 * bottleneck.
	 */
	private static final ByteBuf JOB_ASSIGNED = Unpooled
		.unreleasableBuffer(Unpooled.wrappedBuffer("\"type\":\"jobAssigned\"".getBytes(StandardCharsets.US_ASCII)));

	private final int keptClient;

	private final LongAdder frames = new LongAdder();

	private final AtomicLong first = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

	private final List<String> kept = new ArrayList<>();

	/**
	 * @param keptClient the client whose frames are kept, or -1 for none
	 */
	FrameCounter(int keptClient) {
		this.keptClient = keptClient;
	}

	@Override
	public void onText(int client, ByteBuf content) {
		if (ByteBufUtil.indexOf(JOB_ASSIGNED, content) < 0) {
			return;
		}
		long now = System.nanoTime();
		this.first.compareAndSet(Long.MIN_VALUE, now);
		this.last.accumulateAndGet(now, Math::max);
		this.frames.increment();
		if (client == this.keptClient) {
			synchronized (this.kept) {
				this.kept.add(content.toString(StandardCharsets.UTF_8));
			}
		}
	}

	/**
	 * Waits until {@code expected} frames arrived, no frame arrived for {@code stall}
	 * (clients were cut off or frames lost), or {@code timeout} passed.
	 */
	void await(long expected, Duration stall, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long seen = -1;
		long progressAt = System.nanoTime();
		while (frames() < expected && System.nanoTime() < deadline) {
			if (frames() != seen) {
				seen = frames();
				progressAt = System.nanoTime();
			}
			else if (System.nanoTime() - progressAt > stall.toNanos()) {
				return;
			}
			Thread.sleep(50);
		}
	}

	long frames() {
		return this.frames.sum();
	}

	/** From the first frame to the last. */
	Duration span() {
		return (frames() < 2) ? Duration.ZERO : Duration.ofNanos(this.last.get() - this.first.get());
	}

	List<String> kept() {
		synchronized (this.kept) {
			return List.copyOf(this.kept);
		}
	}

}
