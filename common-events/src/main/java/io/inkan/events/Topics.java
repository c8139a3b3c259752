package io.inkan.events;

import java.util.List;

/** The topic catalogue of CONTRACT.md §6. */
public final class Topics {
    public static final String ADMIN = "inkan.admin.events";
    public static final String FRONTEND_REQUESTS = "inkan.frontend.requests";
    public static final String AUTH = "inkan.auth.events";
    public static final String ISSUANCE = "inkan.issuance.events";
    public static final String NOTIFICATION = "inkan.notification.events";

    /** Every event topic, in the order a certificate's life passes through them. */
    public static final List<String> ALL = List.of(ADMIN, FRONTEND_REQUESTS, AUTH, ISSUANCE, NOTIFICATION);

    private static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {}

    /** Where records of {@code topic} that cannot be read end up, with the failure in their headers. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static boolean isDeadLetter(String topic) {
        return topic.endsWith(DEAD_LETTER_SUFFIX);
    }

    /** The one topic an event is published on. */
    public static String of(InkanEvent event) {
        return switch (event) {
            case AdminEvent e -> ADMIN;
            case FrontendRequest e -> FRONTEND_REQUESTS;
            case AuthEvent e -> AUTH;
            case IssuanceEvent e -> ISSUANCE;
            case NotificationEvent e -> NOTIFICATION;
        };
    }
}
