package io.inkan.benchmarks;

import io.inkan.benchmarks.LoadOptions.Measurement;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Issue 15's load driver: drives a running Inkan (SELF_SERVICE) through HTTP with passwords and through Kafka, and
 * measures in the same run what the machine can do bare, so the figures are ratios that survive a shared,
 * differently loaded machine. Run by hand (benchmarks/README.md, "Load driver (issue 15)"); never a timed test.
 *
 * <ol>
 *   <li>raw issuance limit: {@link RawRates#issuance} on {@code --threads} threads;
 *   <li>raw Argon2id rate: {@link RawRates#argon2} on {@code --threads} threads;
 *   <li>the pipeline over Kafka ({@link KafkaPipeline}), and its ratio to (1);
 *   <li>one password client ({@link PasswordClients}): latency p50/p90/p99;
 *   <li>four password clients in parallel: certificates per second, and the ratio to (2).
 * </ol>
 *
 * Exit status: 0 after a run, 2 for bad arguments, 3 when the stack does not answer, 1 when a measurement failed.
 */
public final class LoadDriver {
    static final int BAD_ARGUMENTS = 2;
    static final int UNREACHABLE = 3;
    static final Duration PATIENCE = Duration.ofSeconds(180);
    /** CertificateRequested records kept written and unanswered: a queue for every partition, a short drain. */
    static final int IN_FLIGHT = 256;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user the driver created; the login ID is what the password clients send. */
    record User(String contractId, String userId, String loginId) {}

    private final LoadOptions options;
    private final PrintStream out;
    private final Map<String, String[]> rows = new LinkedHashMap<>();
    private Double rawIssuance;
    private Double rawArgon2;
    private Double pipeline;
    private Double fourClients;

    LoadDriver(LoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args, System::getenv);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.print(LoadOptions.USAGE);
            return BAD_ARGUMENTS;
        }
        return new LoadDriver(options, out).run();
    }

    int run() {
        out.println("Inkan load driver: " + options);
        out.printf(
                Locale.ROOT,
                "JVM %s, %d processors; load average before: %.2f%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        InkanApi api = new InkanApi(options.authUrl(), options.adminUrl());
        if (options.needsStack() && !api.reachable()) {
            out.println("Inkan does not answer at " + options.authUrl() + " and " + options.adminUrl()
                    + " (GET /actuator/health): start the local stack with"
                    + " ./dev run --inkan.issuance.mode=SELF_SERVICE, or give --auth-url/--admin-url");
            return UNREACHABLE;
        }
        try {
            measureRaw();
            if (options.needsStack()) {
                measureStack(api);
            }
        } catch (RuntimeException e) {
            printTable();
            out.println("FAILED: " + e.getMessage());
            e.printStackTrace(out);
            return 1;
        }
        printTable();
        out.println(summary());
        return 0;
    }

    void measureRaw() {
        Duration duration = options.duration();
        if (options.runs(Measurement.RAW)) {
            rawIssuance = RawRates.issuance(options.threads(), duration);
            row(
                    "1 raw issuance, BouncyCastle, EC P-256 CA, " + options.threads() + " threads",
                    perSecond(rawIssuance),
                    "",
                    "");
        }
        if (options.runs(Measurement.ARGON2)) {
            rawArgon2 = RawRates.argon2(options.threads(), duration);
            row("2 raw Argon2id m=19MiB t=2 p=1, " + options.threads() + " threads", perSecond(rawArgon2), "", "");
        }
    }

    private void measureStack(InkanApi api) {
        String password = "Ld-" + HexFormat.of().formatHex(bytes(8));
        List<User> users = createUsers(api, password);
        PasswordClients clients = new PasswordClients(api, password);
        out.printf("warming up: one certificate per user over HTTP (%d users)%n", users.size());
        users.parallelStream().forEach(user -> clients.obtain(user, PATIENCE));

        if (options.runs(Measurement.KAFKA)) {
            if (!options.warmUp().isZero()) {
                warmUp(api, password, clients);
            }
            KafkaPipeline.Outcome outcome = runPipeline(
                    users, options.duration(), "pipeline over Kafka: " + IN_FLIGHT + " CertificateRequested in flight");
            pipeline = outcome.perSecond();
            row(
                    "3 pipeline CertificateRequested -> CertificateIssued",
                    perSecond(pipeline),
                    rawIssuance == null ? "" : percent(pipeline / rawIssuance) + " of (1)",
                    String.format(
                            Locale.ROOT,
                            "%d written, %d issued, %d rejected %s in %.1f s",
                            outcome.written(),
                            outcome.issued(),
                            outcome.rejected(),
                            outcome.reasons().isEmpty() ? "" : outcome.reasons(),
                            outcome.seconds()));
        }
        if (options.runs(Measurement.ONE_CLIENT)) {
            JourneyHops hops = new JourneyHops();
            PasswordClients.Run one = clients.run(1, users, options.duration(), hops);
            row(
                    "4 one password client, POST -> ISSUED",
                    String.format(
                            Locale.ROOT,
                            "p50 %.0f ms, p90 %.0f ms, p99 %.0f ms",
                            one.percentileMillis(50),
                            one.percentileMillis(90),
                            one.percentileMillis(99)),
                    "",
                    one.latencies().size() + " certificates, " + clients.waitMode());
            printHops(hops);
        }
        if (options.runs(Measurement.FOUR_CLIENTS)) {
            PasswordClients.Run four = clients.run(4, users, options.duration());
            fourClients = four.perSecond();
            row(
                    "5 four password clients in parallel",
                    perSecond(fourClients),
                    rawArgon2 == null ? "" : percent(fourClients / rawArgon2) + " of (2)",
                    String.format(
                            Locale.ROOT,
                            "p50 %.0f ms, p99 %.0f ms, %s",
                            four.percentileMillis(50),
                            four.percentileMillis(99),
                            clients.waitMode()));
        }
    }

    /**
     * The pipeline run as (3) runs it, unmeasured. A fresh stack spends its first minutes compiling: in one run of
     * the pipeline right after the start, the JIT compiler threads took a quarter of the CPU, and a second run on the
     * same stack issued twice as many certificates per second. A bank's services run for weeks; the figures are
     * meant to be theirs. The warm-up has users of its own: the measured users start with one certificate each, as
     * they would without it, and not with the hundreds of renewals the warm-up gives its users.
     */
    private void warmUp(InkanApi api, String password, PasswordClients clients) {
        List<User> users = createUsers(api, password);
        users.parallelStream().forEach(user -> clients.obtain(user, PATIENCE));
        KafkaPipeline.Outcome outcome = runPipeline(
                users, options.warmUp(), "warming up: the pipeline for " + options.warmUp() + ", not measured");
        out.printf(
                Locale.ROOT,
                "  warm-up: %d issued in %.1f s (%.1f /s)%n",
                outcome.issued(),
                outcome.seconds(),
                outcome.perSecond());
    }

    /**
     * Keeps {@link #IN_FLIGHT} requests of {@code users} in flight for {@code window}, then waits for the consumers
     * and the mails they queued, so that what comes next does not share the machine with this backlog.
     */
    private KafkaPipeline.Outcome runPipeline(List<User> users, Duration window, String heading) {
        out.printf("preparing %d CSRs for the Kafka path%n", options.kafkaRequests());
        List<KafkaPipeline.Request> requests = KafkaPipeline.prepare(options.kafkaRequests(), users);
        KafkaPipeline.Outcome outcome;
        try (KafkaPipeline kafka = new KafkaPipeline(options.bootstrapServers())) {
            out.println(heading);
            outcome = kafka.run(requests, IN_FLIGHT, window, Duration.ofSeconds(120));
        }
        awaitConsumersCaughtUp();
        return outcome;
    }

    /** One client's journeys hop by hop; a measurement of its own, so a failure here fails nothing else. */
    private void printHops(JourneyHops hops) {
        if (hops.isEmpty()) {
            return;
        }
        try {
            out.println("  4 one client, where the time goes: " + hops.medians(options.bootstrapServers()));
        } catch (RuntimeException e) {
            out.println("  4 one client, where the time goes: unknown (" + e.getMessage() + ")");
        }
    }

    /**
     * The services that read {@code CertificateIssued} (auth's outcome, admin's copy, notification's mail) are still
     * at work when issuance-service has answered the last request: the next measurement waits for them, and for the
     * mails they queued.
     */
    private void awaitConsumersCaughtUp() {
        try (ConsumerLag lag = new ConsumerLag(options.bootstrapServers())) {
            long behind = lag.total();
            Duration took = lag.awaitCaughtUp(Duration.ofMinutes(5));
            out.printf(
                    Locale.ROOT,
                    "after the pipeline: %d records still to be read by the services; %s%n",
                    behind,
                    took == null ? "still not read after 5 min" : "all read after " + took.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            out.println("after the pipeline: consumer lag unknown (" + e.getMessage() + ")");
        }
        awaitMailsSent();
    }

    /** The issuance mails are queued when notification-service reads the records, and sent afterwards. */
    private void awaitMailsSent() {
        MailQueue mails = new MailQueue(options.notificationUrl());
        try {
            OptionalLong pending = mails.pending();
            Duration took = mails.awaitEmpty(Duration.ofMinutes(10));
            out.printf(
                    Locale.ROOT,
                    "after the pipeline: %s mails still to be sent; %s%n",
                    pending.isPresent() ? Long.toString(pending.getAsLong()) : "unknown (no inkan_mail_queued)",
                    took == null ? "still not sent after 10 min" : "all sent after " + took.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A contract of its own for this run (so runs never meet), its administrator and {@code --users} users. */
    private List<User> createUsers(InkanApi api, String password) {
        String contractId = "LD" + HexFormat.of().formatHex(bytes(4)).toUpperCase(Locale.ROOT);
        String adminPassword = "Ad-" + HexFormat.of().formatHex(bytes(8));
        int count = Math.max(options.users(), 4);
        out.printf("creating contract %s with %d users%n", contractId, count);
        String operator = api.operatorToken(options.operatorId(), options.operatorPassword());
        api.registerContract(operator, contractId, "A001", adminPassword);
        String admin = api.adminToken(contractId, "A001", adminPassword, PATIENCE);
        List<User> users = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            User user = new User(contractId, String.format("U%04d", i), contractId.toLowerCase(Locale.ROOT) + "-" + i);
            api.registerUser(admin, contractId, user.userId(), user.loginId(), password);
            users.add(user);
        }
        return users;
    }

    static String freshCsr() {
        return IssuanceBenchmark.pem(
                IssuanceBenchmark.csr(IssuanceBenchmark.keyPair(IssuanceBenchmark.SubjectKey.EC_P256)));
    }

    String summary() {
        List<String> parts = new ArrayList<>();
        if (pipeline != null && rawIssuance != null) {
            parts.add("pipeline/raw issuance " + percent(pipeline / rawIssuance) + " (goal >= 25 %)");
        }
        if (fourClients != null && rawArgon2 != null) {
            parts.add("4 password clients/raw Argon2id " + percent(fourClients / rawArgon2) + " (goal >= 80 %)");
        }
        if (rawIssuance != null && rawArgon2 != null) {
            parts.add(String.format(Locale.ROOT, "raw issuance %.0f/s, raw Argon2id %.1f/s", rawIssuance, rawArgon2));
        }
        return "summary: " + String.join("; ", parts);
    }

    Double rawIssuance() {
        return rawIssuance;
    }

    Double rawArgon2() {
        return rawArgon2;
    }

    private void row(String what, String measured, String ratio, String note) {
        rows.put(what, new String[] {measured, ratio, note});
        out.printf("  %s: %s %s %s%n", what, measured, ratio, note);
    }

    private void printTable() {
        out.printf(Locale.ROOT, "%n| %-52s | %-36s | %-14s | %s%n", "measurement", "measured", "ratio", "notes");
        out.printf("|%s|%s|%s|%s%n", "-".repeat(54), "-".repeat(38), "-".repeat(16), "-".repeat(6));
        rows.forEach((what, cells) ->
                out.printf(Locale.ROOT, "| %-52s | %-36s | %-14s | %s%n", what, cells[0], cells[1], cells[2]));
        out.printf(
                Locale.ROOT,
                "load average after: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }

    private static String perSecond(double rate) {
        return String.format(Locale.ROOT, rate < 100 ? "%.1f /s" : "%.0f /s", rate);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
