package io.inkan.notification;

import io.inkan.events.NotificationEvent;

/**
 * Where this service's events go: the transactional outbox in production (so an event commits with the
 * state it reports), a list in unit tests.
 */
@FunctionalInterface
public interface NotificationEvents {
    /** Must be called inside the transaction of the state change the event reports. */
    void publish(NotificationEvent event);
}
