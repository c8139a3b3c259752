package io.inkan.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.MessageListener;

/**
 * Handles each consumed record in a span of its own, a child of the trace its {@code traceparent} header carries,
 * so the effect (its log lines, the events the handler appends to the outbox) stays in the trace of the request
 * that started it. A record without the header starts a new trace.
 */
final class TracedRecords implements MessageListener<Object, Object> {
    private final TraceContexts traces;
    private final MessageListener<Object, Object> handling;

    TracedRecords(TraceContexts traces, MessageListener<Object, Object> handling) {
        this.traces = traces;
        this.handling = handling;
    }

    @Override
    public void onMessage(ConsumerRecord<Object, Object> record) {
        // "<destination> process", as OpenTelemetry's messaging conventions name it
        traces.consuming(record.headers(), record.topic() + " process", () -> handling.onMessage(record));
    }
}
