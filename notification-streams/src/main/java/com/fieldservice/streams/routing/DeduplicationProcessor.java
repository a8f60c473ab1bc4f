package com.fieldservice.streams.routing;

import java.time.Duration;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the first copy of each eventId and drops any copy whose timestamp lies within
 * the dedupe window of it.
 */
final class DeduplicationProcessor implements FixedKeyProcessor<String, SpecificRecord, SpecificRecord> {

	private static final Logger log = LoggerFactory.getLogger(DeduplicationProcessor.class);

	private final long windowMs;

	private final RoutingMetrics metrics;

	private FixedKeyProcessorContext<String, SpecificRecord> context;

	private WindowStore<UUID, Long> seenEventIds;

	DeduplicationProcessor(Duration window, RoutingMetrics metrics) {
		this.windowMs = window.toMillis();
		this.metrics = metrics;
	}

	@Override
	public void init(FixedKeyProcessorContext<String, SpecificRecord> context) {
		this.context = context;
		this.seenEventIds = context.getStateStore(JobAssignedTopology.DEDUPE_STORE);
	}

	@Override
	public void process(FixedKeyRecord<String, SpecificRecord> record) {
		UUID eventId = RoutedEvent.of(record.value()).eventId();
		long timestamp = record.timestamp();
		if (seenWithinWindow(eventId, timestamp)) {
			log.debug("Dropping duplicate of event {} (job {})", eventId, record.key());
			this.metrics.duplicateDropped();
			return;
		}
		this.seenEventIds.put(eventId, timestamp, timestamp);
		this.context.forward(record);
	}

	private boolean seenWithinWindow(UUID eventId, long timestamp) {
		// Both sides of the timestamp: a re-sent copy may carry an earlier timestamp than
		// the copy seen first.
		long from = Math.max(0, timestamp - this.windowMs);
		try (WindowStoreIterator<Long> seen = this.seenEventIds.fetch(eventId, from, timestamp + this.windowMs)) {
			return seen.hasNext();
		}
	}

}
