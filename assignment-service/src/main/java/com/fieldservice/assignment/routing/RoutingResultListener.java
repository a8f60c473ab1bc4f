package com.fieldservice.assignment.routing;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.fieldservice.assignment.outbox.EventLog;
import com.fieldservice.events.EventRouted;

/**
 * Records in the EventLog where notification-streams routed each event (dispatcher groups
 * and contractor), so {@code GET /api/events/{id}} shows who was notified. A poll's
 * results are recorded in one database commit.
 */
@Component
class RoutingResultListener {

	private static final Logger log = LoggerFactory.getLogger(RoutingResultListener.class);

	private final EventLog eventLog;

	RoutingResultListener(EventLog eventLog) {
		this.eventLog = eventLog;
	}

	@KafkaListener(topics = "#{T(com.fieldservice.schemas.Topics).EVENT_ROUTED.name()}",
			containerFactory = "routingListenerFactory")
	void onRouted(List<ConsumerRecord<String, EventRouted>> batch) {
		var routings = new ArrayList<EventLog.Routing>(batch.size());
		for (var record : batch) {
			EventRouted routed = record.value();
			if (routed == null) {
				// The value could not be read (ErrorHandlingDeserializer): pass over it
				// rather than block every result behind it.
				log.warn("Skipped an unreadable routing result at {}-{} offset {}", record.topic(), record.partition(),
						record.offset());
				continue;
			}
			routings.add(new EventLog.Routing(routed.getEventId(), routed.getDispatchGroups(), routed.getContractorId(),
					routed.getRoutedAt()));
		}
		if (!routings.isEmpty()) {
			eventLog.recordRouting(routings);
		}
	}

}
