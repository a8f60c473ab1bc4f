package com.example.jobassigned;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} event ids handled, to skip a copy handed over again after a
 * rebalance or a crash before the commit. Such a copy comes back within one uncommitted
 * batch, so a bounded window is enough; a consumer whose side effects must survive its
 * own restart keys them by eventId in its store instead.
 */
final class RecentEventIds {

	private final Map<String, Boolean> ids;

	RecentEventIds(int capacity) {
		this.ids = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > capacity;
			}

		};
	}

	/** Whether {@code eventId} is new; remembers it either way. */
	boolean firstTime(String eventId) {
		return this.ids.put(eventId, Boolean.TRUE) == null;
	}

}
