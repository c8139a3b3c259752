package io.inkan.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The load driver's command line ({@code --name=value} or {@code --name value}). Defaults fit the local stack
 * ({@code ./dev run --inkan.issuance.mode=SELF_SERVICE}).
 *
 * @param operatorPassword read from the environment variable {@code --operator-password-env} names (never from the
 *     command line, where {@code ps} shows it); the local stack's {@code operator-pass} when that variable is unset
 */
record LoadOptions(
        String authUrl,
        String adminUrl,
        String notificationUrl,
        String bootstrapServers,
        String operatorId,
        String operatorPassword,
        Duration duration,
        Duration warmUp,
        int users,
        int threads,
        int kafkaRequests,
        Set<Measurement> skip) {

    /** The five measurements, in the order they run; {@code --skip} takes their names. */
    enum Measurement {
        RAW,
        ARGON2,
        KAFKA,
        ONE_CLIENT,
        FOUR_CLIENTS;

        String optionName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static final String USAGE = """
            usage: LoadDriver [options]
              --auth-url=URL               auth-service (default http://127.0.0.1:8081)
              --admin-url=URL              admin-service (default http://127.0.0.1:8082)
              --notification-url=URL       notification-service (default http://127.0.0.1:8084)
              --bootstrap-servers=H:P      Kafka (default 127.0.0.1:9092)
              --operator-id=ID             bank operator (default operator)
              --operator-password-env=VAR  environment variable holding the operator's password
                                           (default INKAN_OPERATOR_PASSWORD; unset: the local stack's operator-pass)
              --duration=PT30S             how long each measurement runs
              --warm-up=PT30S              the pipeline run unmeasured first, so that the measurements see
                                           compiled code, not the JIT at work (PT0S: none)
              --users=N                    users created for the run (default 16)
              --threads=N                  threads of the raw measurements (default 2)
              --kafka-requests=N           CertificateRequested records written at most (default 6000)
              --skip=kafka,...             leave out: raw, argon2, kafka, one-client, four-clients
            """;

    static LoadOptions parse(String[] args, java.util.function.Function<String, String> environment) {
        String authUrl = "http://127.0.0.1:8081";
        String adminUrl = "http://127.0.0.1:8082";
        String notificationUrl = "http://127.0.0.1:8084";
        String bootstrap = "127.0.0.1:9092";
        String operatorId = "operator";
        String passwordVariable = "INKAN_OPERATOR_PASSWORD";
        Duration duration = Duration.ofSeconds(30);
        Duration warmUp = Duration.ofSeconds(30);
        int users = 16;
        int threads = 2;
        int kafkaRequests = 6000;
        Set<Measurement> skip = Set.of();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("not an option: " + arg);
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "auth-url", "base-url" -> authUrl = stripSlash(value);
                case "admin-url" -> adminUrl = stripSlash(value);
                case "notification-url" -> notificationUrl = stripSlash(value);
                case "bootstrap-servers" -> bootstrap = value;
                case "operator-id" -> operatorId = value;
                case "operator-password-env" -> passwordVariable = value;
                case "duration" -> duration = positive(Duration.parse(value), name);
                case "warm-up" -> warmUp = notNegative(Duration.parse(value), name);
                case "users" -> users = positive(Integer.parseInt(value), name);
                case "threads" -> threads = positive(Integer.parseInt(value), name);
                case "kafka-requests" -> kafkaRequests = positive(Integer.parseInt(value), name);
                case "skip" -> skip = measurements(value);
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        String password = environment.apply(passwordVariable);
        return new LoadOptions(
                authUrl,
                adminUrl,
                notificationUrl,
                bootstrap,
                operatorId,
                password == null ? "operator-pass" : password,
                duration,
                warmUp,
                users,
                threads,
                kafkaRequests,
                skip);
    }

    boolean runs(Measurement measurement) {
        return !skip.contains(measurement);
    }

    /** Anything but the raw measurements needs a running Inkan. */
    boolean needsStack() {
        return runs(Measurement.KAFKA) || runs(Measurement.ONE_CLIENT) || runs(Measurement.FOUR_CLIENTS);
    }

    private static Set<Measurement> measurements(String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> Arrays.stream(Measurement.values())
                        .filter(m -> m.optionName().equals(s.toLowerCase(Locale.ROOT)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("--skip: unknown measurement " + s)))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Duration positive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return value;
    }

    private static Duration notNegative(Duration value, String name) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("--" + name + " must not be negative");
        }
        return value;
    }

    private static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return value;
    }

    @Override
    public String toString() { // never the password
        return "LoadOptions[auth " + authUrl + ", admin " + adminUrl + ", notification " + notificationUrl + ", kafka "
                + bootstrapServers + ", operator "
                + operatorId + ", duration " + duration + ", warm-up " + warmUp + ", users " + users + ", threads "
                + threads + ", skip "
                + skip + "]";
    }
}
