package io.inkan.auth.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PasswordChecksTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Occupies one turn from another thread, at the front door, until {@code release} opens. */
    private CountDownLatch occupyTurn(PasswordChecks checks, CountDownLatch release) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        threads.submit(() -> {
            try (var ignored = checks.frontDoor()) {
                return checks.run(() -> {
                    running.countDown();
                    await(release);
                    return true;
                });
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        return running;
    }

    @Test
    void atTheFrontDoorABusyBoundRefusesAtOnceWithARetryAfterAndRunsNothing() throws Exception {
        PasswordChecks checks = new PasswordChecks(1, 0, Duration.ofSeconds(2));
        CountDownLatch release = new CountDownLatch(1);
        occupyTurn(checks, release);

        boolean[] ran = {false};
        try (var ignored = checks.frontDoor()) {
            assertThatThrownBy(() -> checks.run(() -> ran[0] = true))
                    .isInstanceOfSatisfying(
                            PasswordChecksBusy.class,
                            busy -> assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        }
        assertThat(ran[0]).isFalse();
        assertThat(checks.refused()).isEqualTo(1);
        release.countDown();
    }

    @Test
    void aQueuedFrontDoorCallerGetsTheNextTurnWhenOneFrees() throws Exception {
        PasswordChecks checks = new PasswordChecks(1, 1, Duration.ofMinutes(1));
        CountDownLatch release = new CountDownLatch(1);
        occupyTurn(checks, release);

        CompletableFuture<String> queued = CompletableFuture.supplyAsync(
                () -> {
                    try (var ignored = checks.frontDoor()) {
                        return checks.run(() -> "checked");
                    }
                },
                threads);
        // The queue holds one: a third caller finds no place and is refused at once.
        awaitQueued(checks, queued);
        try (var ignored = checks.frontDoor()) {
            assertThatThrownBy(() -> checks.run(() -> "third")).isInstanceOf(PasswordChecksBusy.class);
        }

        release.countDown();
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("checked");
    }

    @Test
    void aConsumerOutsideTheFrontDoorWaitsForItsTurnInsteadOfFailing() throws Exception {
        PasswordChecks checks = new PasswordChecks(1, 0, Duration.ZERO);
        CountDownLatch release = new CountDownLatch(1);
        occupyTurn(checks, release);

        CompletableFuture<String> consumer = CompletableFuture.supplyAsync(() -> checks.run(() -> "hashed"), threads);

        awaitQueued(checks, consumer); // with no queue and no wait, a front-door caller would be refused here
        release.countDown();
        assertThat(consumer.get(10, TimeUnit.SECONDS)).isEqualTo("hashed");
        assertThat(checks.refused()).isZero();
    }

    @Test
    void theFrontDoorMarkEndsWithItsScope() {
        PasswordChecks checks = new PasswordChecks(1, 0, Duration.ZERO);
        try (var ignored = checks.frontDoor()) {
            assertThat(checks.run(() -> "at the front door")).isNotNull();
        }
        // A thread back from serving a request is an ordinary thread again: it would wait, not fail.
        assertThat(checks.run(() -> "after")).isEqualTo("after");
    }

    /** Waits until the caller waits for a turn. */
    private static void awaitQueued(PasswordChecks checks, CompletableFuture<?> queued) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (checks.waiting() < 1) {
            assertThat(queued).isNotDone();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
