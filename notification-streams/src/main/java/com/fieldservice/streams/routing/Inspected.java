package com.fieldservice.streams.routing;

import org.apache.avro.specific.SpecificRecord;

/**
 * An outbox record after {@link OutboxRecordParser} looked at it: a usable event, or why
 * it goes to the dead-letter topic together with its original bytes.
 */
record Inspected(byte[] original, SpecificRecord event, Defect defect, String reason) {

	/** Why a record cannot be routed; becomes the tag of the dead-letter counter. */
	enum Defect {

		/** The bytes are not an assignment event in the registry's wire format. */
		UNREADABLE,

		/** An event that breaks the routing rules. */
		INVALID

	}

	static Inspected accepted(byte[] original, SpecificRecord event) {
		return new Inspected(original, event, null, null);
	}

	static Inspected rejected(byte[] original, Defect defect, String reason) {
		return new Inspected(original, null, defect, reason);
	}

	boolean isRejected() {
		return this.defect != null;
	}

}
