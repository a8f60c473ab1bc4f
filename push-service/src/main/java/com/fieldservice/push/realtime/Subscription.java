package com.fieldservice.push.realtime;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fieldservice.push.security.Subscriber;

/**
 * The audiences one connection receives: those the client named in {@code ?subscribe=},
 * or else all its token allows. Never more than the token allows: a dispatcher only its
 * token's groups, a contractor only itself.
 *
 * @param audiences the dispatch groups or the contractor whose records the connection
 * receives
 */
record Subscription(Set<Audience> audiences) {

	/**
	 * Destinations a client may name in one connection; a dispatcher covers a few groups,
	 * not thousands.
	 */
	static final int MAX_DESTINATIONS = 100;

	Subscription {
		audiences = Set.copyOf(audiences);
	}

	/**
	 * @param requested destinations such as {@code dispatcher:north} or
	 * {@code contractor:C-7}, each entry possibly comma-separated; empty for everything
	 * the token allows
	 * @throws Refusal when a destination is malformed or not allowed to
	 * {@code subscriber}
	 */
	static Subscription of(Subscriber subscriber, List<String> requested) {
		Set<Audience> allowed = Audience.of(subscriber);
		List<String> destinations = requested.stream()
			.flatMap((entry) -> List.of(entry.split(",")).stream())
			.map(String::strip)
			.filter((destination) -> !destination.isEmpty())
			.toList();
		if (destinations.isEmpty()) {
			return new Subscription(allowed);
		}
		if (destinations.size() > MAX_DESTINATIONS) {
			throw Refusal.badRequest("at most " + MAX_DESTINATIONS + " destinations per connection");
		}
		var audiences = new LinkedHashSet<Audience>();
		for (String destination : destinations) {
			Audience audience = parse(destination);
			if (!allowed.contains(audience)) {
				throw Refusal.forbidden(subscriber.role().wireName() + " " + subscriber.subject()
						+ " may not subscribe to " + destination);
			}
			audiences.add(audience);
		}
		return new Subscription(audiences);
	}

	private static Audience parse(String destination) {
		int colon = destination.indexOf(':');
		String stream = (colon < 0) ? destination : destination.substring(0, colon);
		String key = (colon < 0) ? "" : destination.substring(colon + 1);
		if (key.isEmpty()) {
			throw Refusal.badRequest("not a destination: " + destination + " (expected dispatcher:<group> or "
					+ "contractor:<contractorId>)");
		}
		return switch (stream) {
			case "dispatcher" -> Audience.dispatchGroup(key);
			case "contractor" -> Audience.contractor(key);
			default -> throw Refusal.badRequest("unknown stream " + stream + " (dispatcher or contractor)");
		};
	}

	/** The partitions holding this subscription's records. */
	Set<StreamPartition> partitions() {
		return audiences.stream().map(StreamPartition::of).collect(Collectors.toUnmodifiableSet());
	}

	/** The destinations as a client names them, e.g. {@code dispatcher:north}. */
	List<String> destinations() {
		return audiences.stream().map(Subscription::destination).sorted().toList();
	}

	private static String destination(Audience audience) {
		return audience.role().wireName() + ":" + audience.key();
	}

}
