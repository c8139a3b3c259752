package io.inkan.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Customers asking for a certificate with login ID and password, as a browser's front end does: POST the request,
 * then the "processing" screen until the request is ISSUED. The screen asks with {@code ?wait=PT10S}; when the server
 * ignores {@code wait} (it answers PENDING at once), the screen polls every 10 ms instead, and the driver says so.
 */
final class PasswordClients {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration POLL = Duration.ofMillis(10);
    /** A PENDING answer this much faster than the wait asked for means the server ignored {@code wait}. */
    private static final Duration IGNORED_BELOW = Duration.ofSeconds(1);

    private final InkanApi api;
    private final String password;
    private volatile boolean polling;

    PasswordClients(InkanApi api, String password) {
        this.api = api;
        this.password = password;
    }

    /** How the processing screen waited: {@code ?wait=PT10S}, or polling when the server ignored it. */
    String waitMode() {
        return polling ? "polling every 10 ms (the server ignored ?wait=)" : "?wait=" + WAIT;
    }

    /**
     * One certificate for {@code user}: the time from the POST to the ISSUED answer, in nanoseconds. The CSR is made
     * before the clock starts (it is the customer's browser's work). A 503 (too many password checks at once) is
     * retried after its {@code Retry-After}, and counts in the latency: the customer waited for it.
     */
    long obtain(LoadDriver.User user, Duration patience) {
        return obtain(user, patience, null);
    }

    /** As {@link #obtain(LoadDriver.User, Duration)}, and tells {@code hops} (when not null) what the client saw. */
    long obtain(LoadDriver.User user, Duration patience, JourneyHops hops) {
        String csr = LoadDriver.freshCsr();
        long posted = System.currentTimeMillis();
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        InkanApi.Response submitted;
        while (true) {
            submitted = api.requestCertificate(user.loginId(), password, csr);
            if (submitted.status() == 202) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("certificate request of " + user.loginId() + ": " + submitted);
            }
            InkanApi.pause(submitted.status() == 503 ? Duration.ofMillis(500) : Duration.ofMillis(200));
        }
        long accepted = System.currentTimeMillis();
        String requestId = submitted.text("requestId");
        String status = submitted.text("status");
        while ("PENDING".equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("request " + user.loginId() + " still PENDING after " + patience);
            }
            InkanApi.Response answer;
            if (polling) {
                InkanApi.pause(POLL);
                answer = api.requestStatus(requestId, null);
            } else {
                answer = api.requestStatus(requestId, WAIT);
                if (answer.status() == 200
                        && "PENDING".equals(answer.text("status"))
                        && answer.nanos() < IGNORED_BELOW.toNanos()) {
                    polling = true;
                }
            }
            if (answer.status() != 200) {
                throw new IllegalStateException("status of " + requestId + ": " + answer);
            }
            status = answer.text("status");
        }
        if (!"ISSUED".equals(status)) {
            throw new IllegalStateException("request of " + user.loginId() + " ended " + status);
        }
        long latency = System.nanoTime() - start;
        if (hops != null) {
            hops.record(new JourneyHops.Journey(requestId, posted, accepted, System.currentTimeMillis()));
        }
        return latency;
    }

    record Run(List<Long> latencies, int clients, double seconds) {
        double perSecond() {
            return latencies.size() / seconds;
        }

        double percentileMillis(double p) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
        }
    }

    /**
     * {@code clients} customers in parallel, each asking again as soon as it has its certificate, each with users of
     * its own (one user's requests are handled in order, so sharing users would measure that queue, not the
     * service). Counts the certificates that were ISSUED inside the window.
     */
    Run run(int clients, List<LoadDriver.User> users, Duration duration) {
        return run(clients, users, duration, null);
    }

    /** As {@link #run(int, List, Duration)}, telling {@code hops} (when not null) what each client saw. */
    Run run(int clients, List<LoadDriver.User> users, Duration duration, JourneyHops hops) {
        if (users.size() < clients) {
            throw new IllegalArgumentException(clients + " clients need at least as many users, not " + users.size());
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch finished = new CountDownLatch(clients);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread.ofPlatform().name("client-" + c).start(() -> {
                try {
                    int turn = 0;
                    while (System.nanoTime() < end) {
                        LoadDriver.User user = users.get(client + clients * (turn++ % (users.size() / clients)));
                        long latency = obtain(user, Duration.ofSeconds(180), hops);
                        if (System.nanoTime() <= end) {
                            latencies.add(latency);
                        }
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    errors.add(e);
                } finally {
                    finished.countDown();
                }
            });
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(failures.get() + " client(s) failed", errors.getFirst());
        }
        return new Run(List.copyOf(latencies), clients, duration.toNanos() / 1e9);
    }
}
