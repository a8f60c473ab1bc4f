package com.fieldservice.push.presence;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which contractors are online across all instances: each instance's latest snapshot of
 * its connected contractors, and when it was taken. A contractor is online while any
 * instance has it; an instance that stopped refreshing its snapshot (it crashed) drops
 * out when its snapshot expires. Every change reports who came online and who went off.
 */
final class PresenceBoard {

	private final Map<String, Snapshot> instances = new HashMap<>();

	/** How many instances have each online contractor. */
	private final Map<String, Integer> online = new HashMap<>();

	/** Replaces {@code instance}'s snapshot. */
	synchronized Change put(String instance, Set<String> contractors, Instant takenAt) {
		Snapshot before = instances.put(instance, new Snapshot(Set.copyOf(contractors), takenAt));
		return replace((before != null) ? before.contractors() : Set.of(), contractors);
	}

	/** Forgets {@code instance}, which stopped. */
	synchronized Change remove(String instance) {
		Snapshot before = instances.remove(instance);
		return (before != null) ? replace(before.contractors(), Set.of()) : Change.NONE;
	}

	/** Forgets instances whose snapshot was taken before {@code cutoff}. */
	synchronized Change expire(Instant cutoff) {
		Change change = Change.NONE;
		for (String instance : Set.copyOf(instances.keySet())) {
			if (instances.get(instance).takenAt().isBefore(cutoff)) {
				change = change.and(remove(instance));
			}
		}
		return change;
	}

	synchronized SortedSet<String> online() {
		return Collections.unmodifiableSortedSet(new TreeSet<>(online.keySet()));
	}

	private Change replace(Set<String> before, Set<String> after) {
		var cameOnline = new TreeSet<String>();
		var wentOffline = new TreeSet<String>();
		for (String contractor : after) {
			if (!before.contains(contractor) && online.merge(contractor, 1, Integer::sum) == 1) {
				cameOnline.add(contractor);
			}
		}
		for (String contractor : before) {
			if (!after.contains(contractor) && online.merge(contractor, -1, Integer::sum) == 0) {
				online.remove(contractor);
				wentOffline.add(contractor);
			}
		}
		return new Change(cameOnline, wentOffline);
	}

	private record Snapshot(Set<String> contractors, Instant takenAt) {
	}

	/**
	 * @param online contractors that came online
	 * @param offline contractors that went offline
	 */
	record Change(SortedSet<String> online, SortedSet<String> offline) {

		static final Change NONE = new Change(new TreeSet<>(), new TreeSet<>());

		boolean isEmpty() {
			return online.isEmpty() && offline.isEmpty();
		}

		/** This change followed by {@code next}. */
		Change and(Change next) {
			var on = new TreeSet<>(online);
			var off = new TreeSet<>(offline);
			next.online().forEach((contractor) -> {
				if (!off.remove(contractor)) {
					on.add(contractor);
				}
			});
			next.offline().forEach((contractor) -> {
				if (!on.remove(contractor)) {
					off.add(contractor);
				}
			});
			return new Change(on, off);
		}

	}

}
