package io.inkan.events;

/** Published by notification-service on {@link Topics#NOTIFICATION}. */
public sealed interface NotificationEvent extends InkanEvent
        permits ExpiryApproaching, NotificationSent, NotificationFailed {}
