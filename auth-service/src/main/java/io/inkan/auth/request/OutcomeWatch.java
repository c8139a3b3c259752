package io.inkan.auth.request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The GETs waiting for a request's outcome ({@code ?wait=}), and their wake-up when the outcome is recorded: no
 * waiter polls, and no servlet thread is held while one waits.
 *
 * <p>Several instances may share the consumer group (docs/contract.md §8), so the one that records an outcome is not
 * always the one holding the waiting GET. On PostgreSQL the recording transaction therefore sends {@code NOTIFY
 * inkan_request_outcome} with the request ID, and every instance's {@link OutcomeListener} wakes its own waiters.
 * PostgreSQL delivers a notification only when its transaction commits, so a woken waiter always reads the
 * committed outcome. On any other database (H2, the embedded default: one process) the waiters of this JVM are
 * woken right after the commit.
 */
final class OutcomeWatch implements SmartLifecycle {
    static final String CHANNEL = "inkan_request_outcome";

    private final ConcurrentHashMap<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final int capacity;
    private final JdbcClient jdbc;
    private final OutcomeListener listener;
    /** Where a woken waiter reads the outcome: never the thread that woke it (the listener, a consumer). */
    private final ExecutorService readers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("inkan-request-wait-", 0).factory());

    private volatile boolean running;

    /**
     * @param capacity how many GETs may wait at once; beyond it a GET is answered at once
     * @param postgres the database to LISTEN on, or {@code null} when it is not PostgreSQL
     */
    OutcomeWatch(int capacity, JdbcClient jdbc, OutcomeListener.Database postgres) {
        this.capacity = capacity;
        this.jdbc = jdbc;
        this.listener = postgres == null ? null : new OutcomeListener(postgres, this::wake, this::wakeAll);
    }

    /**
     * A waiter for {@code requestId}'s outcome: completes when an outcome is recorded (here or, on PostgreSQL, on any
     * instance), or when the listener reconnects and may have missed one. Register it before reading the request,
     * so that an outcome recorded in between still wakes it. Cancel or complete it when the wait is over: it then
     * leaves at once. Empty when {@code capacity} GETs wait already.
     */
    Optional<CompletableFuture<Void>> register(String requestId) {
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            return Optional.empty();
        }
        CompletableFuture<Void> woken = new CompletableFuture<>();
        waiters.compute(requestId, (id, set) -> {
            Set<CompletableFuture<Void>> waitersOfId = set == null ? new HashSet<>() : set;
            waitersOfId.add(woken);
            return waitersOfId;
        });
        woken.whenComplete((ignored, failure) -> leave(requestId, woken));
        return Optional.of(woken);
    }

    /** Called in the transaction that takes {@code requestId} out of PENDING; wakes its waiters once it commits. */
    void recorded(String requestId) {
        if (listener != null) {
            jdbc.sql("SELECT pg_notify(?, ?)")
                    .params(CHANNEL, requestId)
                    .query()
                    .listOfRows();
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake(requestId);
                }
            });
        } else {
            wake(requestId);
        }
    }

    /** Runs the read that answers a woken waiter. */
    ExecutorService readers() {
        return readers;
    }

    int waiting() {
        return waiting.get();
    }

    void wake(String requestId) {
        List<CompletableFuture<Void>> woken = new ArrayList<>();
        // completed outside compute: completing removes the waiter, which must not recurse into the same key
        waiters.computeIfPresent(requestId, (id, set) -> {
            woken.addAll(set);
            return set;
        });
        woken.forEach(w -> w.complete(null));
    }

    void wakeAll() {
        waiters.keySet().forEach(this::wake);
    }

    private void leave(String requestId, CompletableFuture<Void> woken) {
        waiters.computeIfPresent(requestId, (id, set) -> {
            if (set.remove(woken)) {
                waiting.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void start() {
        running = true;
        if (listener != null) {
            listener.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.stop();
        }
        // no outcome wakes them any more: they answer where their requests stand, and shutdown need not wait
        wakeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
