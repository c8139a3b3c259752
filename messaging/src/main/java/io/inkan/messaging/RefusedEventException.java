package io.inkan.messaging;

/**
 * The rules refuse this event: it is well-formed, but applying it would break the service's rules (an event for
 * a contract or user that must exist here and does not, a state transition the rules forbid). Trying again
 * cannot change that, so a listener that throws it sends the record to {@code <topic>-dlt} at once, with this
 * message in its {@code kafka_dlt-exception-message} header, and the consumer goes on with the next record.
 *
 * <p>Throw it only for the event's own fault. A failure that is not the record's fault (the database or the
 * broker away, a deadlock, a race another attempt will see settled) must be any other exception: it is retried
 * until it succeeds, and the partition waits for it.
 */
public class RefusedEventException extends RuntimeException {
    public RefusedEventException(String message) {
        super(message);
    }
}
