package io.inkan.auth.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.testsupport.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockoutTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    private final Lockout lockout = new Lockout(5);

    @Test
    void fiveConsecutiveFailuresLockAndTheFifthSaysSo() {
        Lockout.State state = Lockout.State.CLEAN;
        for (int attempt = 1; attempt <= 4; attempt++) {
            Lockout.Decision decision = lockout.decide(state, false, clock.instant());
            assertThat(decision.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(decision.justLocked()).isFalse();
            state = decision.next();
            clock.advance(Duration.ofSeconds(10));
        }
        Lockout.Decision fifth = lockout.decide(state, false, clock.instant());

        assertThat(fifth.verdict())
                .as("the failure that locks still answers as wrong credentials")
                .isEqualTo(Verdict.REJECTED);
        assertThat(fifth.justLocked()).isTrue();
        assertThat(fifth.next().failedAttempts()).isEqualTo(5);
        assertThat(fifth.next().lockedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aLockedAccountRefusesEvenTheRightPasswordAndDoesNotLockAgain() {
        Lockout.State locked = new Lockout.State(5, clock.instant());
        clock.advance(Duration.ofDays(3));

        Lockout.Decision decision = lockout.decide(locked, true, clock.instant());

        assertThat(decision.verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(decision.justLocked()).isFalse();
        assertThat(decision.next()).isEqualTo(locked);
    }

    @Test
    void aSuccessResetsTheCountSoFailuresMustBeConsecutive() {
        Lockout.State state = new Lockout.State(4, null);

        Lockout.Decision success = lockout.decide(state, true, clock.instant());
        assertThat(success.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(success.next()).isEqualTo(Lockout.State.CLEAN);

        Lockout.Decision nextFailure = lockout.decide(success.next(), false, clock.instant());
        assertThat(nextFailure.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(nextFailure.next().failedAttempts()).isEqualTo(1);
    }

    @Test
    void theLimitIsConfigurable() {
        Lockout strict = new Lockout(1);
        Lockout.Decision first = strict.decide(Lockout.State.CLEAN, false, clock.instant());
        assertThat(first.justLocked()).isTrue();
        assertThat(strict.decide(first.next(), true, clock.instant()).verdict()).isEqualTo(Verdict.LOCKED);
    }
}
