package io.inkan.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subcommand's arguments: {@code --name value} or {@code --name=value} options, {@code --flag}s and
 * positional words. Each command declares what it accepts; anything else is a usage error. An option
 * declared repeatable may be given several times ({@code --kafka-property a=1 --kafka-property b=2}).
 */
final class Args {
    private final Map<String, String> options = new HashMap<>();
    private final Map<String, List<String>> repeated = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {}

    static Args parse(List<String> words, Set<String> optionNames, Set<String> flagNames) {
        return parse(words, optionNames, flagNames, Set.of());
    }

    static Args parse(List<String> words, Set<String> optionNames, Set<String> flagNames, Set<String> repeatableNames) {
        Args args = new Args();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--")) {
                args.positional.addAll(words.subList(i + 1, words.size()));
                break;
            }
            if (!word.startsWith("--") || word.length() == 2) {
                args.positional.add(word);
                continue;
            }
            String name = word.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (flagNames.contains(name)) {
                if (value != null) {
                    throw CliFailure.usage("--" + name + " takes no value");
                }
                args.flags.add(name);
            } else if (optionNames.contains(name) || repeatableNames.contains(name)) {
                if (value == null) {
                    if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                        throw CliFailure.usage("--" + name + " needs a value");
                    }
                    value = words.get(++i);
                }
                if (repeatableNames.contains(name)) {
                    args.repeated.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                } else if (args.options.put(name, value) != null) {
                    throw CliFailure.usage("--" + name + " is given twice");
                }
            } else {
                throw CliFailure.usage("unknown option --" + name);
            }
        }
        return args;
    }

    String option(String name) {
        return options.get(name);
    }

    String option(String name, String fallback) {
        String value = options.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw CliFailure.usage("--" + name + " is required");
        }
        return value;
    }

    /** Every value of a repeatable option, in the order given. */
    List<String> all(String name) {
        return List.copyOf(repeated.getOrDefault(name, List.of()));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return List.copyOf(positional);
    }

    /** A positive whole number of seconds. */
    Duration seconds(String name, Duration fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        return Duration.ofSeconds(positiveNumber(name, value));
    }

    long number(String name, long fallback) {
        String value = options.get(name);
        return value == null ? fallback : positiveNumber(name, value);
    }

    private static long positiveNumber(String name, String value) {
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
}
