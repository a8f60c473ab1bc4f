package com.fieldservice.assignment.outbox;

import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

/** An event stored in the EventLog and relayed to Kafka as its Avro form. */
public interface DomainEvent {

	/** The idempotency key: every copy of this event carries it. */
	UUID eventId();

	/** The Kafka record key; events of one aggregate are published in order. */
	String aggregateId();

	/** The record the relay publishes. */
	SpecificRecord toAvro();

	/** The dispatch groups whose dispatchers may read this event in the EventLog. */
	List<String> dispatchGroups();

	/** The contractor who may read this event in the EventLog. */
	String contractorId();

}
