package com.fieldservice.push.realtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fieldservice.push.security.Role;

/**
 * The open connections of this instance, indexed by the audiences each subscribed to, so
 * routing a record is one lookup rather than a scan of every connection.
 */
final class Connections {

	private final Map<String, Delivery> byId = new ConcurrentHashMap<>();

	private final Map<Audience, Set<Delivery>> byAudience = new ConcurrentHashMap<>();

	void add(Delivery delivery) {
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

	long count(Role role) {
		return byId.values().stream().filter((delivery) -> delivery.connection().subscriber().role() == role).count();
	}

}
