package io.inkan.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Keeps a trace going across the places where work is handed over through a table: an outbox row, a queued
 * mail, a reminder due in forty days. {@link #current()} captures the W3C trace context (traceparent, and
 * tracestate if any) as one short string to store beside the work; {@link #within} later runs the work in a
 * span that continues that trace; {@link #headers} turns the stored string into Kafka record headers, and
 * {@link #consuming} continues the trace a record's headers carry. Only {@code traceparent} and {@code
 * tracestate} are kept: baggage a caller sends could be anything, and is neither stored nor passed on.
 *
 * <p>Without a tracer (tracing switched off) every method is a no-op: nothing is stored, work runs as is.
 */
public final class TraceContexts {
    /** The W3C Trace Context header, also the CloudEvents distributed-tracing extension's attribute name. */
    public static final String TRACEPARENT = "traceparent";

    public static final String TRACESTATE = "tracestate";

    private static final List<String> KEPT = List.of(TRACEPARENT, TRACESTATE);
    private static final int MAX_STORED = 1024;

    private final Tracer tracer;
    private final Propagator propagator;

    TraceContexts(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Trace contexts that are never captured nor continued, for a service (or a test) without tracing. */
    public static TraceContexts off() {
        return new TraceContexts(null, null);
    }

    /** The current trace context as {@code traceparent=...} (and a {@code tracestate=...} line); null if none. */
    public String current() {
        if (tracer == null) {
            return null;
        }
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        propagator.inject(context, fields, (carrier, name, value) -> {
            if (carrier != null && KEPT.contains(name) && value != null && !value.isEmpty()) {
                carrier.put(name, value);
            }
        });
        if (!fields.containsKey(TRACEPARENT)) {
            return null;
        }
        String stored = encode(fields);
        // tracestate is optional and bounded by the spec (32 members); a longer one is dropped, never the parent
        return stored.length() <= MAX_STORED ? stored : encode(Map.of(TRACEPARENT, fields.get(TRACEPARENT)));
    }

    /** The trace id of a stored context (32 hex digits), or null. */
    public static String traceIdOf(String stored) {
        String traceparent = decode(stored).get(TRACEPARENT);
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length >= 4 && parts[1].length() == 32 ? parts[1] : null;
    }

    /**
     * Runs {@code work} in a new span named {@code spanName}, a child of the {@code stored} context (a new trace
     * when it is null), and ends the span when the work returns or throws.
     */
    public <T> T within(String stored, String spanName, Supplier<T> work) {
        if (tracer == null) {
            return work.get();
        }
        return inSpan(propagator.extract(decode(stored), Map::get), spanName, null, work);
    }

    public void within(String stored, String spanName, Runnable work) {
        within(stored, spanName, () -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} in a consumer span, a child of the trace context the record's headers carry. */
    void consuming(Headers headers, String spanName, Runnable work) {
        if (tracer == null) {
            work.run();
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : KEPT) {
            Header header = headers.lastHeader(name);
            if (header != null && header.value() != null) {
                fields.put(name, new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        inSpan(propagator.extract(fields, Map::get), spanName, Span.Kind.CONSUMER, () -> {
            work.run();
            return null;
        });
    }

    /** The Kafka headers for a stored context: {@code traceparent} (and {@code tracestate}); none for null. */
    static List<Header> headers(String stored) {
        List<Header> headers = new ArrayList<>(2);
        decode(stored)
                .forEach((name, value) -> headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        return headers;
    }

    private <T> T inSpan(Span.Builder builder, String spanName, Span.Kind kind, Supplier<T> work) {
        Span span =
                (kind == null ? builder.name(spanName) : builder.name(spanName).kind(kind)).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static String encode(Map<String, String> fields) {
        StringBuilder stored = new StringBuilder();
        fields.forEach((name, value) -> {
            if (!stored.isEmpty()) {
                stored.append('\n');
            }
            stored.append(name).append('=').append(value);
        });
        return stored.toString();
    }

    private static Map<String, String> decode(String stored) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (stored == null) {
            return fields;
        }
        for (String line : stored.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && KEPT.contains(line.substring(0, eq))) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return fields;
    }
}
