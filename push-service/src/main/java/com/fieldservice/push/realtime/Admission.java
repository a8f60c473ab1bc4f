package com.fieldservice.push.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

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

	private final SenderThreads threads;

	Admission(Connections connections, NotificationDispatcher dispatcher, CatchUps catchUps,
			AcknowledgedPositions acknowledged, Frames frames, RealtimeMetrics metrics, SendLimits limits,
			SenderThreads threads) {
		this.connections = connections;
		this.dispatcher = dispatcher;
		this.catchUps = catchUps;
		this.acknowledged = acknowledged;
		this.frames = frames;
		this.metrics = metrics;
		this.limits = limits;
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
		var connection = new Connection(session, subscriber, limits, threads::execute, metrics::cutOff);
		Instant expiresAt = Subscriber.tokenExpiry(session.getPrincipal()).orElse(Instant.MAX);
		var delivery = new Delivery(connection, subscription, frames, metrics, limits.maxWaitingFrames(), expiresAt);
		Cursor live = dispatcher.register(delivery);
		Set<StreamPartition> partitions = subscription.partitions();
		if (catchUps.readsHistory() && !live.partitions().containsAll(partitions)) {
			connections.remove(connection.id());
			throw Refusal.unavailable("not reading notifications yet, reconnect shortly");
		}
		Cursor start = requested.restrictedTo(partitions)
			.orElse(acknowledged.of(subscriber).restrictedTo(partitions))
			.orElse(live);
		delivery.welcome(frames.welcome(subscriber, subscription, start));
		catchUps.begin(delivery, start, live);
		return delivery;
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
