package com.fieldservice.streams.routing;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fieldservice.schemas.TraceParent;

/**
 * Restores a rejected record to its original bytes and labels it with the reason and its
 * source position, so it can be inspected and replayed from the dead-letter topic.
 */
final class DeadLetterProcessor implements Processor<String, Inspected, byte[], byte[]> {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessor.class);

	private final RoutingMetrics metrics;

	private ProcessorContext<byte[], byte[]> context;

	DeadLetterProcessor(RoutingMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void init(ProcessorContext<byte[], byte[]> context) {
		this.context = context;
	}

	@Override
	public void process(Record<String, Inspected> record) {
		Inspected rejected = record.value();
		// A copy: the input headers object is shared with every node the record passes
		// through.
		Headers headers = new RecordHeaders(record.headers().toArray());
		set(headers, DeadLetterHeaders.REASON, rejected.reason());
		this.context.recordMetadata().ifPresent((source) -> setSource(headers, source));
		log.warn("Dead-lettering record of key {} at {} (trace {}): {}", record.key(),
				this.context.recordMetadata().orElse(null), TraceParent.traceId(headers).orElse(null),
				rejected.reason());
		this.metrics.deadLettered(rejected.defect());
		this.context.forward(new Record<>(keyBytes(record.key()), rejected.original(), record.timestamp(), headers));
	}

	private static void setSource(Headers headers, RecordMetadata source) {
		set(headers, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
		set(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
		set(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
	}

	private static void set(Headers headers, String name, String value) {
		// A record replayed from the dead-letter topic may already carry these headers:
		// keep only the latest.
		headers.remove(name);
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] keyBytes(String key) {
		// The outbox key is a jobId written with Kafka's UTF-8 StringSerializer: this
		// yields its original bytes.
		return (key != null) ? key.getBytes(StandardCharsets.UTF_8) : null;
	}

}
