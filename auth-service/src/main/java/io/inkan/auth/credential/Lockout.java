package io.inkan.auth.credential;

import java.time.Instant;

/**
 * The lock-out rule: {@code maxFailedAttempts} consecutive failures lock an account; a success resets
 * the count; a locked account stays locked, whatever the password, until an unlock.
 */
final class Lockout {
    /** An account's failure count and lock, as stored. */
    record State(int failedAttempts, Instant lockedAt) {
        static final State CLEAN = new State(0, null);

        boolean locked() {
            return lockedAt != null;
        }
    }

    /**
     * @param next the state to store
     * @param justLocked this attempt locked the account: publish {@code AccountLocked}
     */
    record Decision(Verdict verdict, State next, boolean justLocked) {}

    private final int maxFailedAttempts;

    Lockout(int maxFailedAttempts) {
        if (maxFailedAttempts < 1) {
            throw new IllegalArgumentException("maxFailedAttempts must be at least 1");
        }
        this.maxFailedAttempts = maxFailedAttempts;
    }

    Decision decide(State current, boolean passwordMatches, Instant now) {
        if (current.locked()) {
            return new Decision(Verdict.LOCKED, current, false);
        }
        if (passwordMatches) {
            return new Decision(Verdict.ACCEPTED, State.CLEAN, false);
        }
        int failures = current.failedAttempts() + 1;
        if (failures >= maxFailedAttempts) {
            // This attempt was wrong credentials and says so (401); the lock answers from the next one on.
            return new Decision(Verdict.REJECTED, new State(failures, now), true);
        }
        return new Decision(Verdict.REJECTED, new State(failures, null), false);
    }
}
