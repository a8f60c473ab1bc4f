-- The W3C traceparent of the request that wrote the event: the relay sends it as a Kafka header, so the event's
-- records on every topic belong to that request's trace. NULL for rows written before tracing.
ALTER TABLE event_log ADD COLUMN trace_parent text;
