package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.systemtests.OutboxWriter.Written;

/**
 * Checks an output topic against what the outbox received: each expected item exactly
 * once, and each key's events in outbox order. Failures name a few offenders rather than
 * printing thousands of records.
 */
final class DeliveryAssertions {

	private static final int EXAMPLES = 5;

	private DeliveryAssertions() {
	}

	/**
	 * Every item of {@code expected} occurs exactly once in {@code actual}, and nothing
	 * else does.
	 */
	static <T> void assertEachExactlyOnce(String what, Collection<T> expected, List<T> actual) {
		Map<T, Long> counts = actual.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		var expectedSet = new HashSet<>(expected);
		var lost = expectedSet.stream().filter(item -> !counts.containsKey(item)).toList();
		var duplicated = counts.entrySet()
			.stream()
			.filter(count -> count.getValue() > 1)
			.map(Map.Entry::getKey)
			.toList();
		var unexpected = counts.keySet().stream().filter(item -> !expectedSet.contains(item)).toList();
		assertThat(lost.size()).as("%s lost (of %d), e.g. %s", what, expectedSet.size(), examples(lost)).isZero();
		assertThat(duplicated.size()).as("%s duplicated, e.g. %s", what, examples(duplicated)).isZero();
		assertThat(unexpected.size()).as("%s unexpected, e.g. %s", what, examples(unexpected)).isZero();
	}

	/**
	 * For every key of {@code output}, the events that came from the same outbox
	 * partition appear in the order of their first copies there: the order the relay
	 * published them (records from different outbox partitions have no order to keep).
	 */
	static void assertOutboxOrderPerKey(String what, List<ConsumerRecord<String, JobAssigned>> output,
			Map<UUID, Written> firstCopies) {
		var lastOffsets = new HashMap<String, Map<Integer, Long>>();
		var violations = new ArrayList<String>();
		for (ConsumerRecord<String, JobAssigned> record : output) {
			Written source = firstCopies.get(record.value().getEventId());
			if (source == null) {
				continue;
			}
			Map<Integer, Long> last = lastOffsets.computeIfAbsent(record.key(), key -> new HashMap<>());
			Long previous = last.put(source.partition(), source.offset());
			if (previous != null && previous > source.offset()) {
				violations.add("%s: outbox %d:%d after %d:%d".formatted(record.key(), source.partition(),
						source.offset(), source.partition(), previous));
			}
		}
		assertThat(violations.size()).as("%s out of order, e.g. %s", what, examples(violations)).isZero();
	}

	private static <T> List<T> examples(List<T> items) {
		return items.subList(0, Math.min(EXAMPLES, items.size()));
	}

}
