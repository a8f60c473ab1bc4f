package com.fieldservice.assignment.routing;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.fieldservice.assignment.outbox.EventLog;
import com.fieldservice.events.EventRouted;

/**
 * Records in the EventLog where notification-streams routed each event (dispatcher groups
 * and contractor), so {@code GET /api/events/{id}} shows who was notified.
 */
@Component
class RoutingResultListener {

	private final EventLog eventLog;

	RoutingResultListener(EventLog eventLog) {
		this.eventLog = eventLog;
	}

	@KafkaListener(topics = "#{T(com.fieldservice.schemas.Topics).EVENT_ROUTED.name()}",
			containerFactory = "routingListenerFactory")
	void onRouted(EventRouted routed) {
		eventLog.recordRouting(routed.getEventId(), routed.getDispatchGroups(), routed.getContractorId(),
				routed.getRoutedAt());
	}

}
