package io.inkan.auth.credential;

import io.inkan.auth.sealing.SealingKey;
import io.inkan.events.UnreadableEventException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * Opens a password admin-service sealed to auth-service (an initial password, a temporary one after a reset)
 * and hashes it at once; the clear text lives only in wiped arrays meanwhile. A value that cannot be opened,
 * is not UTF-8 or is empty makes the record unreadable (dead-letter topic), and no message quotes it.
 */
@Component
class SealedPasswords {
    private final PasswordHashing hashing;
    private final SealingKey sealing;

    SealedPasswords(PasswordHashing hashing, SealingKey sealing) {
        this.hashing = hashing;
        this.sealing = sealing;
    }

    /** The Argon2id hash of the sealed password; {@code what} names it in a failure ("initial password of …"). */
    String hashOf(String sealedPassword, String what) {
        byte[] clear = sealing.open(sealedPassword);
        try {
            char[] password = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(clear))
                    .array();
            try {
                if (password.length == 0 || new String(password).isBlank()) {
                    throw new UnreadableEventException("sealed " + what + " is empty");
                }
                return hashing.hash(CharBuffer.wrap(password).toString());
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
