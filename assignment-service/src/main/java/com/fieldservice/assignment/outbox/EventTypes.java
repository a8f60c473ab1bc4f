package com.fieldservice.assignment.outbox;

import java.util.Map;

/**
 * The event types the relay knows: the class an EventLog payload is read back into and
 * the topic it goes to.
 */
public record EventTypes(Map<String, Registration> registrations) {

	/** One event type. */
	public record Registration(Class<? extends DomainEvent> type, String topic) {
	}

	Registration get(String eventType) {
		Registration registration = registrations.get(eventType);
		if (registration == null) {
			throw new IllegalStateException("No registration for event type " + eventType);
		}
		return registration;
	}

}
