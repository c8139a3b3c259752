package io.inkan.messaging;

import io.inkan.events.UnreadableEventException;

/**
 * A record whose type belongs to another topic than the one it came from: an event of one producer
 * passed off on a topic someone else may write (an {@code AdministratorRegistered} on the front ends'
 * topic). Never applied and never retried; its message is what operators read in the dead-letter
 * record's {@code kafka_dlt-exception-message} header.
 */
final class ForeignEventTypeException extends UnreadableEventException {
    ForeignEventTypeException(String type, String topic) {
        super(type + " does not belong on " + topic);
    }
}
