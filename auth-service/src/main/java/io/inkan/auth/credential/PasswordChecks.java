package io.inkan.auth.credential;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The bound on Argon2id checks running at once. Each check holds 19 MiB for about 34 ms, so an unbounded
 * flood of logons exhausts memory long before it exhausts anything else; with the bound, memory is
 * {@code concurrency} × 19 MiB whatever arrives.
 *
 * <p>Two ways in. A caller at the front door (an HTTP request: {@link #frontDoor()} marks its thread)
 * takes one of {@code concurrency + queue} places or is refused at once, and waits at most {@code maxWait}
 * for a turn; refused, it gets {@link PasswordChecksBusy} before anything was counted. Any other caller (the workers
 * that hash sealed passwords and check sealed submissions, the start-up) waits for its turn however long it
 * takes: a record has nobody to answer 503 to, and failing it would only retry it. Turns are handed out in
 * arrival order, so waiting workers are not starved by the front door. The bound does not look at who
 * calls: a bank's whole customer traffic arrives from a few front-end servers.
 */
final class PasswordChecks {
    private final Semaphore turns;
    private final int concurrency;
    private final Semaphore frontDoorPlaces;
    private final Duration maxWait;
    private final Duration retryAfter;
    private final ThreadLocal<Boolean> atFrontDoor = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param concurrency checks that may run at once
     * @param queue front-door callers that may wait for a turn beyond those running
     * @param maxWait how long a front-door caller waits for a turn
     */
    PasswordChecks(int concurrency, int queue, Duration maxWait) {
        if (concurrency < 1 || queue < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("concurrency >= 1, queue >= 0 and maxWait >= 0 are required");
        }
        this.concurrency = concurrency;
        this.turns = new Semaphore(concurrency, true);
        this.frontDoorPlaces = new Semaphore(concurrency + queue);
        this.maxWait = maxWait;
        // A whole second at least (Retry-After counts seconds), and no sooner than a queued caller would give up.
        this.retryAfter = Duration.ofSeconds(Math.max(1, (maxWait.toMillis() + 999) / 1000));
    }

    /** Marks the current thread as serving the front door until the returned scope is closed. */
    FrontDoor frontDoor() {
        boolean outer = atFrontDoor.get();
        atFrontDoor.set(Boolean.TRUE);
        return () -> atFrontDoor.set(outer);
    }

    /** Runs one check under the bound, the way the current thread's caller is owed. */
    <T> T run(Supplier<T> check) {
        return atFrontDoor.get() ? runOrRefuse(check) : runWhenFree(check);
    }

    /** How many checks may run at once. */
    int concurrency() {
        return concurrency;
    }

    /** Callers waiting for a turn now (an estimate, as the JDK gives it). */
    int waiting() {
        return turns.getQueueLength();
    }

    /** Front-door callers refused so far. */
    long refused() {
        return refused.get();
    }

    private <T> T runOrRefuse(Supplier<T> check) {
        if (!frontDoorPlaces.tryAcquire()) {
            throw busy();
        }
        try {
            boolean turn;
            try {
                turn = turns.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy();
            }
            if (!turn) {
                throw busy();
            }
            try {
                return check.get();
            } finally {
                turns.release();
            }
        } finally {
            frontDoorPlaces.release();
        }
    }

    private <T> T runWhenFree(Supplier<T> check) {
        turns.acquireUninterruptibly();
        try {
            return check.get();
        } finally {
            turns.release();
        }
    }

    private PasswordChecksBusy busy() {
        refused.incrementAndGet();
        return new PasswordChecksBusy(retryAfter);
    }

    /** The front-door mark of one request; closing it restores what the thread was before. */
    @FunctionalInterface
    interface FrontDoor extends AutoCloseable {
        @Override
        void close();
    }
}
