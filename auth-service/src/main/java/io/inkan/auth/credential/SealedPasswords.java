package io.inkan.auth.credential;

import io.inkan.auth.sealing.SealingKey;
import io.inkan.events.UnreadableEventException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Passwords admin-service sealed to auth-service (an initial password, a temporary one after a reset). The consumer
 * only {@link #check}s one (opens it, a few milliseconds, no Argon2id) and stores it sealed, as it came; the hashing
 * worker later replaces it by {@link #hashOf its hash}; a logon before that {@link #matches} against the seal. The
 * clear text lives only in wiped arrays meanwhile. A value that cannot be opened, is not UTF-8 or is empty makes the
 * record unreadable (dead-letter topic), and no message quotes it.
 *
 * <p>Stored sealed, the password is no more exposed than it already is: the same sealed value sits in the admin
 * topic for its retention, and both open only with the sealing key.
 */
@Component
class SealedPasswords {
    private final PasswordHashing hashing;
    private final SealingKey sealing;

    SealedPasswords(PasswordHashing hashing, SealingKey sealing) {
        this.hashing = hashing;
        this.sealing = sealing;
    }

    /** Opens the sealed password to see that it is a usable one; {@code what} names it in a failure. */
    void check(String sealedPassword, String what) {
        withClear(sealedPassword, what, password -> null);
    }

    /** The Argon2id hash of the sealed password; {@code what} names it in a failure ("initial password of …"). */
    String hashOf(String sealedPassword, String what) {
        return withClear(
                sealedPassword,
                what,
                password -> hashing.hash(CharBuffer.wrap(password).toString()));
    }

    /**
     * Whether {@code password} is the sealed one. It costs what a check against a hash costs (one Argon2id
     * computation, spent on nothing), so nobody can tell from the time that this password is not hashed yet.
     */
    boolean matches(String password, String sealedPassword) {
        hashing.spendOneCheck(password);
        if (password == null || password.isEmpty()) {
            return false;
        }
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        byte[] clear = sealing.open(sealedPassword);
        try {
            return MessageDigest.isEqual(given, clear);
        } finally {
            Arrays.fill(clear, (byte) 0);
            Arrays.fill(given, (byte) 0);
        }
    }

    private <T> T withClear(String sealedPassword, String what, Function<char[], T> use) {
        byte[] clear = sealing.open(sealedPassword);
        try {
            CharBuffer decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(clear));
            // The decoder's array may be longer than the text (multi-byte characters): take the text only.
            char[] password = new char[decoded.remaining()];
            decoded.get(password);
            Arrays.fill(decoded.array(), '\0');
            try {
                if (password.length == 0 || new String(password).isBlank()) {
                    throw new UnreadableEventException("sealed " + what + " is empty");
                }
                return use.apply(password);
            } finally {
                Arrays.fill(password, '\0');
            }
        } catch (CharacterCodingException e) {
            throw new UnreadableEventException("sealed " + what + " is not UTF-8");
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }
}
