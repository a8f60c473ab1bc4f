package com.fieldservice.push.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import com.fieldservice.push.security.Role;
import com.fieldservice.push.security.Subscriber;

/**
 * Admits a new session: checks what it subscribes to ({@code ?subscribe=}) against its
 * token, registers it for live records, welcomes it with the position its stream starts
 * from, and starts its catch-up. The start is the client's own position
 * ({@code ?resume=}), else the one its subscriber last acknowledged on any device, else
 * live.
 */
final class Admission {

	static final String SUBSCRIBE = "subscribe";

	static final String RESUME = "resume";

	private final Connections connections;

	private final NotificationDispatcher dispatcher;

	private final CatchUps catchUps;

	private final AcknowledgedPositions acknowledged;

	private final Frames frames;

	private final RealtimeMetrics metrics;

	private final SendLimits limits;

	private final int maxAcksPerSecond;

	private final SenderThreads threads;

	Admission(Connections connections, NotificationDispatcher dispatcher, CatchUps catchUps,
			AcknowledgedPositions acknowledged, Frames frames, RealtimeMetrics metrics, SendLimits limits,
			int maxAcksPerSecond, SenderThreads threads) {
		this.connections = connections;
		this.dispatcher = dispatcher;
		this.catchUps = catchUps;
		this.acknowledged = acknowledged;
		this.frames = frames;
		this.metrics = metrics;
		this.limits = limits;
		this.maxAcksPerSecond = maxAcksPerSecond;
		this.threads = threads;
	}

	/**
	 * @throws Refusal when the subscription or the position is not acceptable, or the
	 * service cannot serve it yet
	 */
	Delivery admit(WebSocketSession session, Subscriber subscriber) {
		MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams();
		Subscription subscription = Subscription.of(subscriber, decoded(query.getOrDefault(SUBSCRIBE, List.of())));
		Cursor requested = parseResume(decoded(query.getOrDefault(RESUME, List.of())));
		requireStreamsOf(subscription, requested);
		var connection = new Connection(session, subscriber, limits, threads::execute, metrics::cutOff);
		Instant expiresAt = Subscriber.tokenExpiry(session.getPrincipal()).orElse(Instant.MAX);
		var delivery = new Delivery(connection, subscription, frames, metrics, limits.maxWaitingFrames(), expiresAt,
				new AckLimit(maxAcksPerSecond, System.nanoTime()));
		Cursor live = dispatcher.register(delivery);
		Set<StreamPartition> partitions = subscription.partitions();
		if (catchUps.readsHistory() && !live.partitions().containsAll(partitions)) {
			connections.remove(connection.id());
			throw Refusal.unavailable("not reading notifications yet, reconnect shortly");
		}
		Cursor start = notAfter(requested.restrictedTo(partitions)
			.orElse(acknowledged.of(subscriber).restrictedTo(partitions))
			.orElse(live), live);
		delivery.welcome(frames.welcome(subscriber, subscription, start));
		catchUps.begin(delivery, start, live);
		return delivery;
	}

	/**
	 * A position of the other stream (a contractor's {@code c0:1} on a dispatcher
	 * subscription) cannot be the client's own: refused. Partitions of the same stream
	 * outside the subscription are left out, as when a token's groups changed.
	 */
	private static void requireStreamsOf(Subscription subscription, Cursor requested) {
		Set<Role> streams = subscription.partitions().stream().map(StreamPartition::stream).collect(Collectors.toSet());
		for (StreamPartition partition : requested.partitions()) {
			if (!streams.contains(partition.stream())) {
				throw Refusal.badRequest("resume position " + partition + " is of the " + partition.stream().wireName()
						+ " stream, which this subscription does not read; reconnect without it");
			}
		}
	}

	/**
	 * {@code start} with no partition beyond the live feed: a position this instance has
	 * not reached (another instance's feed may be a few records ahead, a tampered one
	 * far) starts where this one stands; the client drops a record it sees again by
	 * eventId.
	 */
	static Cursor notAfter(Cursor start, Cursor live) {
		var clamped = new TreeMap<StreamPartition, Long>();
		start.offsets()
			.forEach((partition, offset) -> clamped.put(partition,
					Math.min(offset, live.offset(partition).orElse(offset))));
		return new Cursor(clamped);
	}

	private static Cursor parseResume(List<String> values) {
		if (values.size() > 1) {
			throw Refusal.badRequest("give one resume position");
		}
		try {
			return values.isEmpty() ? Cursor.NONE : Cursor.parse(values.get(0));
		}
		catch (IllegalArgumentException ex) {
			throw Refusal.badRequest("malformed resume position (" + ex.getMessage() + "); reconnect without one");
		}
	}

	private static List<String> decoded(List<String> values) {
		return values.stream().map((value) -> UriUtils.decode(value, StandardCharsets.UTF_8)).toList();
	}

}
