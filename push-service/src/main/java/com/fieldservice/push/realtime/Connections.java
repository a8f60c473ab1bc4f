package com.fieldservice.push.realtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fieldservice.push.security.Role;

/**
 * The open connections of this instance, indexed by the audiences each may see, so routing a record is one
 * lookup rather than a scan of every connection.
 */
final class Connections {

	private final Map<String, Connection> byId = new ConcurrentHashMap<>();

	private final Map<Audience, Set<Connection>> byAudience = new ConcurrentHashMap<>();

	void add(Connection connection) {
		byId.put(connection.id(), connection);
		for (Audience audience : Audience.of(connection.subscriber())) {
			byAudience.compute(audience, (key, connections) -> {
				Set<Connection> added = (connections != null) ? connections : ConcurrentHashMap.newKeySet();
				added.add(connection);
				return added;
			});
		}
	}

	void remove(String connectionId) {
		Connection connection = byId.remove(connectionId);
		if (connection == null) {
			return;
		}
		for (Audience audience : Audience.of(connection.subscriber())) {
			// Atomic per key (as in add), so a connection added meanwhile is never left in a discarded set.
			byAudience.computeIfPresent(audience, (key, connections) -> {
				connections.remove(connection);
				return connections.isEmpty() ? null : connections;
			});
		}
	}

	/** The connections that may see a record for {@code audience}: every device of a contractor included. */
	Collection<Connection> of(Audience audience) {
		Set<Connection> connections = byAudience.get(audience);
		return (connections != null) ? List.copyOf(connections) : List.of();
	}

	Collection<Connection> all() {
		return List.copyOf(byId.values());
	}

	long count(Role role) {
		return byId.values().stream().filter((connection) -> connection.subscriber().role() == role).count();
	}

}
