package io.inkan.auth.credential;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1): the one deliberate cost of a logon. A dummy
 * hash of a random password lets a check for an unknown account cost the same as a real one.
 */
final class PasswordHashing {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int PARALLELISM = 1;
    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    private final String dummyHash;

    PasswordHashing() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        dummyHash = encoder.encode(HexFormat.of().formatHex(random));
    }

    String hash(CharSequence password) {
        return encoder.encode(password);
    }

    boolean matches(CharSequence password, String hash) {
        if (password == null || password.isEmpty() || hash == null) {
            // Spend the same time as a real check, then fail.
            encoder.matches("-", dummyHash);
            return false;
        }
        return encoder.matches(password, hash);
    }

    /** Spends the time of one check against nothing, for an account that does not exist. */
    void spendOneCheck(CharSequence password) {
        encoder.matches(password == null || password.isEmpty() ? "-" : password, dummyHash);
    }
}
