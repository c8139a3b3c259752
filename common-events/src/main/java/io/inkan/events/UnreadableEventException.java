package io.inkan.events;

/**
 * A record that can never be read, however often it is retried: bad JSON, a missing required field, a
 * value of the wrong form. Consumers send such records to the dead-letter topic and go on.
 */
public class UnreadableEventException extends RuntimeException {
    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnreadableEventException(String message) {
        super(message);
    }
}
