package com.fieldservice.push.realtime;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

/**
 * A resume position: for each partition of a client's streams, the offset of the first
 * record the client has not received yet. Clients treat it as an opaque string; it reads
 * {@code d1:15,d2:7} (partition 1 of the dispatcher topic from offset 15, partition 2
 * from offset 7). Since it holds Kafka offsets, not server state, any instance resumes
 * it, for as long as the topics retain the records.
 *
 * @param offsets next offset by partition
 */
public record Cursor(SortedMap<StreamPartition, Long> offsets) {

	public static final Cursor NONE = new Cursor(new TreeMap<>());

	/**
	 * More partitions than both topics have together is not a position this service
	 * issued.
	 */
	private static final int MAX_PARTITIONS = 64;

	public Cursor {
		offsets.values().forEach((offset) -> {
			if (offset < 0) {
				throw new IllegalArgumentException("Offsets are never negative");
			}
		});
		offsets = Collections.unmodifiableSortedMap(new TreeMap<>(offsets));
	}

	public static Cursor of(Map<StreamPartition, Long> offsets) {
		return new Cursor(new TreeMap<>(offsets));
	}

	/**
	 * Reads the text form; blank means no position.
	 * @throws IllegalArgumentException when the text is not a position
	 */
	public static Cursor parse(String text) {
		if (text == null || text.isBlank()) {
			return NONE;
		}
		String[] entries = text.strip().split(",", MAX_PARTITIONS + 1);
		if (entries.length > MAX_PARTITIONS) {
			throw new IllegalArgumentException("Too many partitions in the resume position");
		}
		var offsets = new TreeMap<StreamPartition, Long>();
		for (String entry : entries) {
			int colon = entry.indexOf(':');
			if (colon < 0) {
				throw new IllegalArgumentException("Not a resume position: " + abbreviate(text));
			}
			offsets.merge(StreamPartition.parse(entry.substring(0, colon)), Long.parseLong(entry.substring(colon + 1)),
					Math::max);
		}
		return new Cursor(offsets);
	}

	public OptionalLong offset(StreamPartition partition) {
		Long offset = offsets.get(partition);
		return (offset != null) ? OptionalLong.of(offset) : OptionalLong.empty();
	}

	public Set<StreamPartition> partitions() {
		return offsets.keySet();
	}

	public boolean isEmpty() {
		return offsets.isEmpty();
	}

	/** This position with {@code partition} moved to {@code nextOffset}. */
	public Cursor with(StreamPartition partition, long nextOffset) {
		var moved = new TreeMap<>(offsets);
		moved.put(partition, nextOffset);
		return new Cursor(moved);
	}

	/** Only the given partitions of this position. */
	public Cursor restrictedTo(Set<StreamPartition> partitions) {
		return new Cursor(offsets.entrySet()
			.stream()
			.filter((entry) -> partitions.contains(entry.getKey()))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new)));
	}

	/** This position, with the partitions it lacks taken from {@code fallback}. */
	public Cursor orElse(Cursor fallback) {
		return merge(fallback, (mine, theirs) -> mine);
	}

	/** The further of both positions in every partition either has. */
	public Cursor max(Cursor other) {
		return merge(other, Math::max);
	}

	private Cursor merge(Cursor other, BinaryOperator<Long> both) {
		var merged = new TreeMap<>(offsets);
		other.offsets.forEach((partition, offset) -> merged.merge(partition, offset, both));
		return new Cursor(merged);
	}

	@Override
	public String toString() {
		return offsets.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ":" + entry.getValue())
			.collect(Collectors.joining(","));
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "…";
	}

}
