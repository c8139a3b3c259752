package io.inkan.auth.credential;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1; more passes if configured): the one deliberate cost of a logon. A dummy
 * hash of a random password lets a check for an unknown account cost the same as a real one. Every
 * Argon2 computation runs under the {@link PasswordChecks} bound; the counts kept here (how many ran,
 * how many at once) show the work done, whoever asked.
 */
final class PasswordHashing {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int PARALLELISM = 1;
    private static final int MEMORY_KIB = 19_456;

    private final Argon2Hashes encoder;
    private final PasswordChecks bound;
    private final String dummyHash;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicLong performed = new AtomicLong();

    /** @param iterations Argon2id passes, at least OWASP's 2 ({@code inkan.auth.password-hashing.iterations}) */
    PasswordHashing(PasswordChecks bound, int iterations) {
        if (iterations < 2) {
            throw new IllegalArgumentException("Argon2id needs at least 2 passes (OWASP's minimum)");
        }
        this.encoder =
                new Argon2Hashes(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, iterations, bound.concurrency());
        this.bound = bound;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        dummyHash = encoder.encode(HexFormat.of().formatHex(random));
    }

    String hash(CharSequence password) {
        return argon2(() -> encoder.encode(password));
    }

    boolean matches(CharSequence password, String hash) {
        if (password == null || password.isEmpty() || hash == null) {
            // Spend the same time as a real check, then fail.
            argon2(() -> encoder.matches("-", dummyHash));
            return false;
        }
        return argon2(() -> encoder.matches(password, hash));
    }

    /** Spends the time of one check against nothing, for an account that does not exist. */
    void spendOneCheck(CharSequence password) {
        argon2(() -> encoder.matches(password == null || password.isEmpty() ? "-" : password, dummyHash));
    }

    /** Argon2 computations finished or under way since start. */
    long performed() {
        return performed.get();
    }

    /** Argon2 computations running now. */
    int running() {
        return running.get();
    }

    /** The most Argon2 computations that ever ran at the same moment. */
    int mostAtOnce() {
        return mostAtOnce.get();
    }

    private <T> T argon2(Supplier<T> computation) {
        return bound.run(() -> {
            performed.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return computation.get();
            } finally {
                running.decrementAndGet();
            }
        });
    }
}
