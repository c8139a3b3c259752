package io.inkan.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topic catalogue of docs/contract.md §6: the topics and, in one place, which event types each carries.
 * A topic carries exactly the events of its producer, named by one marker interface per topic; a
 * consumer applies a record only if its type belongs to the topic it came from, so whoever may write
 * one topic (every bank front end may write {@link #FRONTEND_REQUESTS}) cannot pass off another
 * producer's events.
 */
public final class Topics {
    public static final String ADMIN = "inkan.admin.events";
    public static final String FRONTEND_REQUESTS = "inkan.frontend.requests";
    public static final String AUTH = "inkan.auth.events";
    public static final String ISSUANCE = "inkan.issuance.events";
    public static final String NOTIFICATION = "inkan.notification.events";

    /** Every event topic, in the order a certificate's life passes through them. */
    public static final List<String> ALL = List.of(ADMIN, FRONTEND_REQUESTS, AUTH, ISSUANCE, NOTIFICATION);

    /** Topic → the marker interface of the only events it carries. */
    private static final Map<String, Class<? extends InkanEvent>> CARRIES = carries();

    private static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {}

    private static Map<String, Class<? extends InkanEvent>> carries() {
        Map<String, Class<? extends InkanEvent>> carries = new LinkedHashMap<>();
        carries.put(ADMIN, AdminEvent.class);
        carries.put(FRONTEND_REQUESTS, FrontendRequest.class);
        carries.put(AUTH, AuthEvent.class);
        carries.put(ISSUANCE, IssuanceEvent.class);
        carries.put(NOTIFICATION, NotificationEvent.class);
        return Collections.unmodifiableMap(carries);
    }

    /** Where records of {@code topic} that cannot be read end up, with the failure in their headers. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static boolean isDeadLetter(String topic) {
        return topic.endsWith(DEAD_LETTER_SUFFIX);
    }

    /**
     * Whether events of {@code type} may travel on {@code topic}. False for a topic outside the
     * catalogue (dead-letter topics included): nothing is applied from there.
     */
    public static boolean carries(String topic, Class<? extends InkanEvent> type) {
        Class<? extends InkanEvent> marker = CARRIES.get(topic);
        return marker != null && marker.isAssignableFrom(type);
    }

    /** The one topic an event is published on. */
    public static String of(InkanEvent event) {
        return of(event.getClass());
    }

    /** The one topic events of {@code type} are published on. */
    public static String of(Class<? extends InkanEvent> type) {
        return CARRIES.entrySet().stream()
                .filter(topic -> topic.getValue().isAssignableFrom(type))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic carries " + type));
    }
}
