package com.fieldservice.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context every event record carries in its {@value #HEADER} header: set by
 * the relay from the request that caused the event, kept on every record routed from it,
 * and shown to WebSocket clients as the frame's {@code traceId}.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/#traceparent-header">W3C Trace
 * Context</a>
 */
public final class TraceParent {

	/** The record header (and HTTP header) that holds the trace context. */
	public static final String HEADER = "traceparent";

	// version-traceid-parentid-flags; a later version may append fields after a dash.
	private static final Pattern FORMAT = Pattern
		.compile("(?<version>[0-9a-f]{2})-(?<traceId>[0-9a-f]{32})-(?<parentId>[0-9a-f]{16})-[0-9a-f]{2}(-.*)?");

	private static final String INVALID_TRACE_ID = "0".repeat(32);

	private static final String INVALID_PARENT_ID = "0".repeat(16);

	private TraceParent() {
	}

	/**
	 * The trace id of a {@code traceparent} value; empty when the value is missing or not
	 * one the W3C format allows.
	 */
	public static Optional<String> traceId(String traceparent) {
		if (traceparent == null || traceparent.length() > 512) {
			return Optional.empty();
		}
		var matcher = FORMAT.matcher(traceparent);
		if (!matcher.matches() || matcher.group("version").equals("ff")
				|| (matcher.group("version").equals("00") && matcher.group(4) != null)
				|| matcher.group("traceId").equals(INVALID_TRACE_ID)
				|| matcher.group("parentId").equals(INVALID_PARENT_ID)) {
			return Optional.empty();
		}
		return Optional.of(matcher.group("traceId"));
	}

	/**
	 * The trace id of a Kafka record's last {@value #HEADER} header; empty when it has
	 * none or one that is not valid.
	 */
	public static Optional<String> traceId(Headers headers) {
		Header header = headers.lastHeader(HEADER);
		return (header != null && header.value() != null)
				? traceId(new String(header.value(), StandardCharsets.US_ASCII)) : Optional.empty();
	}

}
