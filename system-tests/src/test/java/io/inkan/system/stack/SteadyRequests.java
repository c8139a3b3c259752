package io.inkan.system.stack;

import static org.awaitility.Awaitility.await;

import io.inkan.testsupport.Csrs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few front-end clients asking for certificates through auth-service's HTTP API (docs/contract.md §4), each user
 * once, with ID and password and a fresh key. A client that gets no answer (connection refused, reset, timed out)
 * or a 5xx posts the same request again with the same {@code Idempotency-Key}, as a front end does, until it is
 * accepted. The test releases users in batches ({@link #release}), so that requests are in flight whenever it
 * strikes.
 */
public final class SteadyRequests implements AutoCloseable {
    /** How long a client keeps retrying one request: longer than any restart of a service. */
    private static final Duration GIVE_UP = Duration.ofMinutes(4);

    private final Bank bank;
    private final String contractId;
    private final Queue<String> waiting;
    private final Semaphore released = new Semaphore(0);
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final ExecutorService clients;
    private volatile boolean stopped;

    public SteadyRequests(Bank bank, String contractId, List<String> userIds, int clients) {
        this.bank = bank;
        this.contractId = contractId;
        this.waiting = new ConcurrentLinkedQueue<>(userIds);
        this.clients = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            this.clients.execute(this::client);
        }
    }

    /** The password every user of these requests was registered with. */
    public static String password(String userId) {
        return "pass-" + userId;
    }

    /** Lets {@code users} more users ask, one after another on whichever client is free. */
    public void release(int users) {
        released.release(users);
    }

    /** Users whose request was accepted (202), with the request ID they got. */
    public Map<String, String> accepted() {
        return Map.copyOf(accepted);
    }

    /** Users whose request got an answer other than 202 that a retry cannot change, with that answer. */
    public Map<String, String> refused() {
        return Map.copyOf(refused);
    }

    /** How many posts were repeated because no answer (or a 5xx) came. */
    public int retries() {
        return retries.get();
    }

    /** How many users were released and have not been answered yet. */
    public int outstanding(int releasedSoFar) {
        return releasedSoFar - accepted.size() - refused.size();
    }

    private void client() {
        while (!stopped) {
            try {
                if (!released.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            String userId = waiting.poll();
            if (userId == null) {
                return;
            }
            ask(userId);
        }
    }

    private void ask(String userId) {
        String csr = Csrs.csrPem(Csrs.p256());
        String idempotencyKey = UUID.randomUUID().toString();
        List<String> answers = new ArrayList<>();
        try {
            await().atMost(GIVE_UP)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (stopped) {
                            return true;
                        }
                        Http.Response response;
                        try {
                            response = bank.requestWithIdAndPassword(
                                    contractId, userId, password(userId), csr, idempotencyKey);
                        } catch (IllegalStateException noAnswer) {
                            answers.add(noAnswer.getMessage());
                            retries.incrementAndGet();
                            return false;
                        }
                        if (response.status() == 202) {
                            accepted.put(
                                    userId, response.json().path("requestId").asString());
                            return true;
                        }
                        if (response.status() >= 500) {
                            answers.add(response.toString());
                            retries.incrementAndGet();
                            return false;
                        }
                        refused.put(userId, response.toString());
                        return true;
                    });
        } catch (RuntimeException e) {
            refused.put(
                    userId,
                    "no answer within " + GIVE_UP + ": "
                            + answers.subList(Math.max(0, answers.size() - 3), answers.size()));
        }
    }

    @Override
    public void close() {
        stopped = true;
        clients.shutdownNow();
    }
}
