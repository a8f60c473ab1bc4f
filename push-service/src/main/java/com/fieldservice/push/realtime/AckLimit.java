package com.fieldservice.push.realtime;

/**
 * How many acks a connection may still send: a token bucket refilled at the configured
 * rate per second, holding at most a second's worth more for bursts. Every ack becomes a
 * Kafka record, so a client acking in a loop is stopped here.
 */
final class AckLimit {

	private final int perSecond;

	private double tokens;

	private long refilledAt;

	AckLimit(int perSecond, long now) {
		this.perSecond = perSecond;
		this.tokens = 2.0 * perSecond;
		this.refilledAt = now;
	}

	int perSecond() {
		return this.perSecond;
	}

	/**
	 * Takes one ack at {@code now} ({@link System#nanoTime}); false when over the limit.
	 */
	synchronized boolean tryAcquire(long now) {
		this.tokens = Math.min(2.0 * this.perSecond, this.tokens + (now - this.refilledAt) * this.perSecond / 1e9);
		this.refilledAt = now;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens -= 1;
		return true;
	}

}
