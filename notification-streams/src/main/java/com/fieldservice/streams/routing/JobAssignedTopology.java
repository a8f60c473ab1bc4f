package com.fieldservice.streams.routing;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import com.fieldservice.events.EventRouted;
import com.fieldservice.schemas.Topics;

/**
 * Routes each assignment event (JobAssigned, AssignmentCancelled) from the outbox topic
 * once: to the canonical topic, to every dispatch group, to the contractor, and reports
 * the routing; dead-letters what it cannot read or route.
 *
 * <p>
 * Duplicates are recognised by eventId: a copy whose record timestamp lies within
 * {@code dedupeWindow} of the first copy's is dropped; a copy arriving later than that
 * passes and is routed again. Each job's events keep their outbox order on every output,
 * and a contractor's notifications keep the order in which this application read them.
 */
public final class JobAssignedTopology {

	/**
	 * Window store of the eventIds routed within the dedupe window (changelogged, so it
	 * survives a restart).
	 */
	public static final String DEDUPE_STORE = "job-assigned-event-ids";

	private JobAssignedTopology() {
	}

	/**
	 * Builds the topology. {@code eventSerdes} gives the serde of each topic (by name) it
	 * reads or writes events on, called once per topic: a registry serializer registers a
	 * schema under the subject of the first topic it writes it to and caches it by
	 * content after that, so topics that shared one would leave their own subjects
	 * unregistered. {@code eventRoutedSerde} writes the routing receipts; counters are
	 * registered in {@code meterRegistry}.
	 */
	public static Topology build(Function<String, Serde<SpecificRecord>> eventSerdes,
			Serde<EventRouted> eventRoutedSerde, Duration dedupeWindow, MeterRegistry meterRegistry) {
		var metrics = new RoutingMetrics(meterRegistry);
		Deserializer<SpecificRecord> outboxValues = eventSerdes.apply(Topics.JOB_ASSIGNED_OUTBOX.name()).deserializer();
		var builder = new StreamsBuilder();
		builder.addStateStore(dedupeStore(dedupeWindow));
		// Values are read as bytes so that a record that fails to deserialize reaches the
		// dead-letter branch
		// instead of the deserialization exception handler.
		builder
			.stream(Topics.JOB_ASSIGNED_OUTBOX.name(),
					Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-outbox"))
			.processValues(() -> new OutboxRecordParser(outboxValues), Named.as("parse-and-check"))
			.split(Named.as("outbox-"))
			.branch((jobId, record) -> record.isRejected(),
					Branched.withConsumer((rejected) -> deadLetter(rejected, metrics), "rejected"))
			.defaultBranch(Branched.withConsumer(
					(accepted) -> route(deduplicate(accepted, dedupeWindow, metrics), eventSerdes, eventRoutedSerde),
					"accepted"));
		return builder.build();
	}

	private static StoreBuilder<WindowStore<UUID, Long>> dedupeStore(Duration window) {
		// Retention equal to the window: an eventId is looked up at most one window away
		// from its first copy.
		return Stores
			.windowStoreBuilder(Stores.persistentWindowStore(DEDUPE_STORE, window, window, false), Serdes.UUID(),
					Serdes.Long())
			.withLoggingEnabled(Map.of());
	}

	private static void deadLetter(KStream<String, Inspected> rejected, RoutingMetrics metrics) {
		rejected.process(() -> new DeadLetterProcessor(metrics), Named.as("label-dead-letter"))
			.to(Topics.DEAD_LETTER.name(),
					Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write-dead-letter"));
	}

	private static KStream<String, SpecificRecord> deduplicate(KStream<String, Inspected> accepted, Duration window,
			RoutingMetrics metrics) {
		// No repartition before the store: the outbox is keyed by jobId and a re-sent
		// copy carries the same jobId (the rules dead-letter a record whose key differs),
		// so every copy of an event lands in the partition, hence the task and store,
		// that saw the first copy. processValues keeps the key and so never repartitions.
		return accepted.mapValues(Inspected::event, Named.as("take-event"))
			.processValues(() -> new DeduplicationProcessor(window, metrics), Named.as("drop-duplicates"),
					DEDUPE_STORE);
	}

	private static void route(KStream<String, SpecificRecord> firstCopies,
			Function<String, Serde<SpecificRecord>> eventSerdes, Serde<EventRouted> eventRoutedSerde) {
		firstCopies.to(Topics.JOB_ASSIGNED.name(),
				Produced.with(Serdes.String(), eventSerdes.apply(Topics.JOB_ASSIGNED.name()))
					.withName("write-canonical"));
		firstCopies
			.flatMap((jobId, event) -> RoutedEvent.of(event)
				.dispatchGroups()
				.stream()
				.distinct()
				.map((group) -> KeyValue.pair(group, event))
				.toList(), Named.as("fan-out-to-dispatch-groups"))
			.to(Topics.DISPATCHER_NOTIFICATIONS.name(),
					Produced.with(Serdes.String(), eventSerdes.apply(Topics.DISPATCHER_NOTIFICATIONS.name()))
						.withName("write-dispatcher-notifications"));
		firstCopies.selectKey((jobId, event) -> RoutedEvent.of(event).contractorId(), Named.as("key-by-contractor"))
			.to(Topics.CONTRACTOR_NOTIFICATIONS.name(),
					Produced.with(Serdes.String(), eventSerdes.apply(Topics.CONTRACTOR_NOTIFICATIONS.name()))
						.withName("write-contractor-notifications"));
		firstCopies.process(RoutingReceiptProcessor::new, Named.as("make-routing-receipt"))
			.to(Topics.EVENT_ROUTED.name(),
					Produced.with(Serdes.String(), eventRoutedSerde).withName("write-routing-receipts"));
	}

}
