package com.fieldservice.push.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

import com.fieldservice.push.presence.PresenceBoard.Change;
import com.fieldservice.push.realtime.Broadcaster;
import com.fieldservice.push.realtime.SessionClosed;
import com.fieldservice.push.realtime.SessionOpened;
import com.fieldservice.push.security.Role;
import com.fieldservice.schemas.Topics;

import tools.jackson.databind.json.JsonMapper;

/**
 * Lets dispatchers see which contractors are online, whichever instance they are
 * connected to. Each instance publishes the contractors connected to it to
 * {@code push.presence.v1} (soon after a change, and every refresh interval anyway) and
 * reads every instance's snapshots into a {@link PresenceBoard}; dispatchers get the full
 * list when they connect and each change after.
 */
final class Presence implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Presence.class);

	private final String instance;

	private final PresenceBoard board;

	private final Producer<String, String> producer;

	private final Broadcaster broadcaster;

	private final JsonMapper json;

	private final PresenceProperties properties;

	private final Clock clock;

	/** This instance's open sessions per contractor. */
	private final Map<String, Integer> local = new ConcurrentHashMap<>();

	private final AtomicBoolean changed = new AtomicBoolean(true);

	private volatile Instant published = Instant.MIN;

	private volatile ScheduledExecutorService scheduler;

	Presence(String instance, PresenceBoard board, Producer<String, String> producer, Broadcaster broadcaster,
			JsonMapper json, PresenceProperties properties, Clock clock) {
		this.instance = instance;
		this.board = board;
		this.producer = producer;
		this.broadcaster = broadcaster;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener
	void opened(SessionOpened session) {
		String subject = session.subscriber().subject();
		if (session.subscriber().role() == Role.CONTRACTOR) {
			local.merge(subject, 1, Integer::sum);
			changed.set(true);
		}
		else {
			broadcaster.toSession(session.sessionId(), frame(true, board.online(), Set.of()));
		}
	}

	@EventListener
	void closed(SessionClosed session) {
		if (session.subscriber().role() == Role.CONTRACTOR) {
			local.computeIfPresent(session.subscriber().subject(),
					(contractor, count) -> (count > 1) ? count - 1 : null);
			changed.set(true);
		}
	}

	/** A snapshot (or, as null, the stop) of any instance, this one included. */
	void apply(ConsumerRecord<String, String> record) {
		if (record.key() == null) {
			return;
		}
		Change change = (record.value() == null) ? board.remove(record.key())
				: board.put(record.key(), Set.copyOf(json.readValue(record.value(), Snapshot.class).contractors()),
						Instant.ofEpochMilli(record.timestamp()));
		broadcast(change);
	}

	/**
	 * Publishes this instance's snapshot when it changed or is due for a refresh, and
	 * drops expired instances.
	 */
	void tick() {
		try {
			Instant now = clock.instant();
			if (changed.getAndSet(false) || !now.isBefore(published.plus(properties.refreshInterval()))) {
				published = now;
				var snapshot = new Snapshot(List.copyOf(new TreeSet<>(local.keySet())));
				send(json.writeValueAsString(snapshot));
			}
			broadcast(board.expire(now.minus(properties.expiry())));
		}
		catch (RuntimeException ex) {
			// An exception would cancel the fixed-rate schedule for good.
			logger.error("Presence update failed", ex);
		}
	}

	private void broadcast(Change change) {
		if (!change.isEmpty()) {
			broadcaster.toRole(Role.DISPATCHER, frame(false, change.online(), change.offline()));
		}
	}

	private String frame(boolean full, Set<String> online, Set<String> offline) {
		return json.writeValueAsString(new PresenceFrame("presence", full, List.copyOf(online), List.copyOf(offline)));
	}

	private void send(String snapshot) {
		producer.send(new ProducerRecord<>(Topics.PUSH_PRESENCE.name(), instance, snapshot), (metadata, ex) -> {
			if (ex != null) {
				logger.warn("Could not publish presence; retrying at the next refresh", ex);
				changed.set(true);
			}
		});
	}

	int online() {
		return board.online().size();
	}

	@Override
	public void start() {
		scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("push-presence").daemon().factory());
		long millis = properties.publishInterval().toMillis();
		scheduler.scheduleAtFixedRate(this::tick, 0, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Tells the other instances at once that this one's contractors are gone, rather than
	 * after the expiry.
	 */
	@Override
	public void stop() {
		scheduler.shutdownNow();
		scheduler = null;
		send(null);
		producer.flush();
	}

	@Override
	public boolean isRunning() {
		return scheduler != null;
	}

	/**
	 * @param contractors the contractors connected to one instance
	 */
	record Snapshot(List<String> contractors) {
	}

	/**
	 * @param full whether {@code online} is the whole list (on connect) rather than a
	 * change
	 */
	record PresenceFrame(String type, boolean full, List<String> online, List<String> offline) {
	}

}
