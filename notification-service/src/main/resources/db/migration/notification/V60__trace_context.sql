-- The trace context (W3C traceparent, and tracestate if any) a queued mail and a scheduled reminder were created
-- in, so the SMTP send days later, and the reminder mail forty days later, stay in the certificate's trace.
-- Null when tracing was off.
ALTER TABLE outgoing_mail ADD COLUMN trace_context VARCHAR(1024);
ALTER TABLE expiry_reminder ADD COLUMN trace_context VARCHAR(1024);
