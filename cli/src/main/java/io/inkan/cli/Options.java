package io.inkan.cli;

/**
 * Checks of option values that picocli leaves to the command, with the messages the tool has always given
 * (a usage error, exit code 2).
 */
final class Options {
    private Options() {}

    /** {@code value}, or {@code fallback} when it is not given or blank. */
    static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A positive whole number, or {@code fallback} when not given. */
    static long positive(String name, String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliFailure.usage("--" + name + " must be a positive whole number, not '" + value + "'");
    }

    /** A whole number from 0 up to {@code max}. */
    static long nonNegative(String name, String value, long max) {
        try {
            long number = Long.parseLong(value);
            if (number >= 0 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliFailure.usage("--" + name + " must be a whole number from 0, not '" + value + "'");
    }

    /** A value that must be given. */
    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw CliFailure.usage("--" + name + " is required");
        }
        return value;
    }
}
