package com.fieldservice.streams.routing;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import com.fieldservice.events.EventRouted;

/**
 * Writes, for each routed event, the receipt assignment-service records in its EventLog:
 * which dispatch groups and which contractor it went to.
 */
final class RoutingReceiptProcessor implements Processor<String, SpecificRecord, String, EventRouted> {

	private ProcessorContext<String, EventRouted> context;

	@Override
	public void init(ProcessorContext<String, EventRouted> context) {
		this.context = context;
	}

	@Override
	public void process(Record<String, SpecificRecord> record) {
		RoutedEvent event = RoutedEvent.of(record.value());
		EventRouted receipt = EventRouted.newBuilder()
			.setEventId(event.eventId())
			.setEventType(event.type())
			.setDispatchGroups(event.dispatchGroups())
			.setContractorId(event.contractorId())
			// The context's clock rather than Instant.now(): it is the test driver's mock
			// clock in tests.
			.setRoutedAt(Instant.ofEpochMilli(this.context.currentSystemTimeMs()))
			.build();
		this.context.forward(record.withKey(event.eventId().toString()).withValue(receipt));
	}

}
