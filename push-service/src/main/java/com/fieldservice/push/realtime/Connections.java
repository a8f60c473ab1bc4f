package com.fieldservice.push.realtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fieldservice.push.security.Role;
import com.fieldservice.push.security.Subscriber;

/**
 * The open connections of this instance, indexed by the audiences each subscribed to, so
 * routing a record is one lookup rather than a scan of every connection; at most so many
 * per subscriber.
 */
final class Connections {

	private final Map<String, Delivery> byId = new ConcurrentHashMap<>();

	private final Map<Audience, Set<Delivery>> byAudience = new ConcurrentHashMap<>();

	private final Map<String, Integer> perSubscriber = new ConcurrentHashMap<>();

	private final int maxPerSubscriber;

	Connections(int maxPerSubscriber) {
		this.maxPerSubscriber = maxPerSubscriber;
	}

	/**
	 * Registers {@code delivery}.
	 * @throws Refusal when its subscriber already holds the most connections allowed
	 */
	void add(Delivery delivery) {
		reserve(delivery.connection().subscriber());
		byId.put(delivery.connection().id(), delivery);
		for (Audience audience : delivery.subscription().audiences()) {
			byAudience.compute(audience, (key, deliveries) -> {
				Set<Delivery> added = (deliveries != null) ? deliveries : ConcurrentHashMap.newKeySet();
				added.add(delivery);
				return added;
			});
		}
	}

	/** Forgets a connection; returns it, unless it was not (or no longer) registered. */
	Optional<Delivery> remove(String connectionId) {
		Delivery delivery = byId.remove(connectionId);
		if (delivery == null) {
			return Optional.empty();
		}
		perSubscriber.computeIfPresent(key(delivery.connection().subscriber()),
				(key, count) -> (count <= 1) ? null : count - 1);
		for (Audience audience : delivery.subscription().audiences()) {
			// Atomic per key (as in add), so a connection added meanwhile is never left
			// in a discarded set.
			byAudience.computeIfPresent(audience, (key, deliveries) -> {
				deliveries.remove(delivery);
				return deliveries.isEmpty() ? null : deliveries;
			});
		}
		return Optional.of(delivery);
	}

	Optional<Delivery> get(String connectionId) {
		return Optional.ofNullable(byId.get(connectionId));
	}

	/**
	 * The connections subscribed to {@code audience}: every device of a contractor
	 * included.
	 */
	Collection<Delivery> of(Audience audience) {
		Set<Delivery> deliveries = byAudience.get(audience);
		return (deliveries != null) ? List.copyOf(deliveries) : List.of();
	}

	Collection<Delivery> all() {
		return List.copyOf(byId.values());
	}

	/**
	 * Counts a connection of {@code subscriber}, atomically with the check of the limit.
	 */
	private void reserve(Subscriber subscriber) {
		var admitted = new AtomicBoolean();
		perSubscriber.compute(key(subscriber), (key, count) -> {
			int open = (count == null) ? 0 : count;
			if (open >= maxPerSubscriber) {
				return count;
			}
			admitted.set(true);
			return open + 1;
		});
		if (!admitted.get()) {
			throw Refusal.tooMany("at most " + maxPerSubscriber + " connections per " + subscriber.role().wireName()
					+ "; close one or back off");
		}
	}

	private static String key(Subscriber subscriber) {
		return subscriber.role().wireName() + ":" + subscriber.subject();
	}

	long count(Role role) {
		return byId.values().stream().filter((delivery) -> delivery.connection().subscriber().role() == role).count();
	}

}
