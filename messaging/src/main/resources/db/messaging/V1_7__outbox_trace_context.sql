-- The trace context (W3C traceparent, and tracestate if any) current when the event was appended, so the relay
-- can put it on the Kafka record and the consumers continue the same trace. Null when tracing was off.
ALTER TABLE outbox_event ADD COLUMN trace_context VARCHAR(1024);
ALTER TABLE outbox_dead_event ADD COLUMN trace_context VARCHAR(1024);
