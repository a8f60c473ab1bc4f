package com.fieldservice.push.realtime;

import java.util.Set;
import java.util.stream.Collectors;

import com.fieldservice.push.security.Role;
import com.fieldservice.push.security.Subscriber;

/**
 * Who a notification record is for: the dispatchers of one dispatch group, or one
 * contractor. It is the record's stream (role) and key.
 *
 * @param role dispatchers or contractors
 * @param key the dispatch group id or the contractorId
 */
public record Audience(Role role, String key) {

	public static Audience dispatchGroup(String groupId) {
		return new Audience(Role.DISPATCHER, groupId);
	}

	public static Audience contractor(String contractorId) {
		return new Audience(Role.CONTRACTOR, contractorId);
	}

	/** Every audience whose records {@code subscriber} may see. */
	static Set<Audience> of(Subscriber subscriber) {
		return switch (subscriber.role()) {
			case DISPATCHER -> subscriber.groups().stream().map(Audience::dispatchGroup).collect(Collectors.toSet());
			case CONTRACTOR -> Set.of(contractor(subscriber.subject()));
		};
	}

}
