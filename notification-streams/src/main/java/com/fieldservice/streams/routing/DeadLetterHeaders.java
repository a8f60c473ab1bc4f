package com.fieldservice.streams.routing;

/**
 * Names of the headers every dead-lettered record carries, each a UTF-8 string, next to
 * the original headers.
 */
public final class DeadLetterHeaders {

	/** Why the record was not routed, in words. */
	public static final String REASON = "dlq.reason";

	/** Topic the record was read from. */
	public static final String SOURCE_TOPIC = "dlq.source.topic";

	/** Partition the record was read from, as a decimal number. */
	public static final String SOURCE_PARTITION = "dlq.source.partition";

	/** Offset of the record in its source partition, as a decimal number. */
	public static final String SOURCE_OFFSET = "dlq.source.offset";

	private DeadLetterHeaders() {
	}

}
