package com.fieldservice.streams.routing;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import com.fieldservice.schemas.Topics;
import com.fieldservice.streams.routing.Inspected.Defect;

/**
 * Turns the raw bytes of an outbox record into a checked assignment event (a JobAssigned
 * or an AssignmentCancelled), or into the reason it cannot be routed, so that one bad
 * record never stops the stream.
 */
final class OutboxRecordParser implements FixedKeyProcessor<String, byte[], Inspected> {

	private final Deserializer<SpecificRecord> deserializer;

	private FixedKeyProcessorContext<String, Inspected> context;

	OutboxRecordParser(Deserializer<SpecificRecord> deserializer) {
		this.deserializer = deserializer;
	}

	@Override
	public void init(FixedKeyProcessorContext<String, Inspected> context) {
		this.context = context;
	}

	@Override
	public void process(FixedKeyRecord<String, byte[]> record) {
		this.context.forward(record.withValue(inspect(record)));
	}

	private Inspected inspect(FixedKeyRecord<String, byte[]> record) {
		byte[] bytes = record.value();
		if (bytes == null) {
			return Inspected.rejected(null, Defect.UNREADABLE, "record has no value");
		}
		Object value;
		try {
			value = this.deserializer.deserialize(sourceTopic(), record.headers(), bytes);
		}
		catch (RuntimeException ex) {
			if (RegistryOutage.isCauseOf(ex)) {
				// The record is not at fault: fail the task so that, under exactly-once,
				// it is read again once the registry is back (the uncaught-exception
				// handler replaces the thread).
				throw ex;
			}
			return Inspected.rejected(bytes, Defect.UNREADABLE,
					"cannot deserialize an assignment event: " + describe(ex));
		}
		if (RoutedEvent.of(value).isEmpty()) {
			String type = (value != null) ? value.getClass().getName() : "null";
			return Inspected.rejected(bytes, Defect.UNREADABLE,
					"value is " + type + ", not an assignment event (JobAssigned, AssignmentCancelled)");
		}
		var event = (SpecificRecord) value;
		return EventRules.violation(record.key(), event)
			.map((reason) -> Inspected.rejected(bytes, Defect.INVALID, reason))
			.orElseGet(() -> Inspected.accepted(bytes, event));
	}

	private String sourceTopic() {
		return this.context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.JOB_ASSIGNED_OUTBOX.name());
	}

	private static String describe(RuntimeException ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		return (root == ex) ? text
				: text + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
	}

}
