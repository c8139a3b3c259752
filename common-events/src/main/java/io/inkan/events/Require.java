package io.inkan.events;

/** Checks the fields without which an event means nothing; a record lacking one is unreadable. */
final class Require {
    private Require() {}

    static <T> T present(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }
}
