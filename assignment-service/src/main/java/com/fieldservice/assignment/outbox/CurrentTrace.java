package com.fieldservice.assignment.outbox;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.fieldservice.schemas.TraceParent;

/**
 * The W3C {@code traceparent} of the span the calling thread works in: for a request, the
 * server span whose parent is the request's own {@code traceparent} header, if it sent
 * one.
 */
@Component
class CurrentTrace {

	private final Tracer tracer;

	private final Propagator propagator;

	CurrentTrace(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		// Without tracing (disabled by configuration) events are stored without a trace.
		this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
		this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
	}

	/** The traceparent to store with an event written now; null outside any trace. */
	String traceParent() {
		TraceContext context = tracer.currentTraceContext().context();
		if (context == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>(4);
		propagator.inject(context, carrier, Map::put);
		String traceParent = carrier.get(TraceParent.HEADER);
		return TraceParent.traceId(traceParent).isPresent() ? traceParent : null;
	}

}
