package io.inkan.events;

/**
 * An event that crosses service boundaries. Every event belongs to exactly one topic (through its
 * topic interface) and names the Kafka record key that keeps one user's events in order.
 */
public sealed interface InkanEvent permits AdminEvent, FrontendRequest, AuthEvent, IssuanceEvent, NotificationEvent {

    /** The record key and {@code ce_subject}: {@code {contractId}:{userId}} for a user's events. */
    String key();
}
