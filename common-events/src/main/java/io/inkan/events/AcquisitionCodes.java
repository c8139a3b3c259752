package io.inkan.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * The one-time acquisition code an administrator's authorization answers when {@code inkan.issuance.acquisition-code}
 * is {@code REQUIRED} (docs/contract.md §4), and the form in which it travels: admin-service makes the code and
 * publishes only {@link #hash}; auth-service checks what the user types with {@link #matches}. One class, so the two
 * services cannot disagree on the form.
 *
 * <p>A code is 16 characters of Crockford's base32 (no I, L, O, U), shown in four groups of four: 80 random bits from
 * {@link SecureRandom}. That is long enough for a fast hash: the event (on a topic many can read) carries
 * SHA-256 over a random 128-bit salt and the code, and guessing 2^80 codes offline is out of reach, whereas a
 * 12-digit code (40 bits) would fall to a graphics card in minutes and need a slow hash or a key shared between
 * the services. Online guessing is bounded by auth-service: five wrong codes void the authorization.
 */
public final class AcquisitionCodes {
    /** Crockford's base32 alphabet: digits and letters without I, L, O and U, so nothing reads as another. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static final int LENGTH = 16;
    private static final int SALT_BYTES = 16;
    private static final String SCHEME = "sha256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private AcquisitionCodes() {}

    /** A new code, as shown to the administrator: {@code 7Q2M-X9KD-4TNB-0C8R}. */
    public static String newCode(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH + 3);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * {@code sha256:<salt>:<digest>}, both base64url: the SHA-256 of a fresh random salt followed by the code as
     * {@link #normalise} reads it.
     */
    public static String hash(String code, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return SCHEME + ":" + B64.encodeToString(salt) + ":" + B64.encodeToString(digest(salt, normalise(code)));
    }

    /**
     * Whether {@code typed} is the code whose {@link #hash} is {@code hash}; false for a missing code or a hash of
     * another form. The digests are compared in constant time.
     */
    public static boolean matches(String typed, String hash) {
        if (typed == null || hash == null) {
            return false;
        }
        String[] parts = hash.split(":", -1);
        if (parts.length != 3 || !SCHEME.equals(parts[0])) {
            return false;
        }
        String code = normalise(typed);
        if (code.length() != LENGTH) {
            return false;
        }
        try {
            return MessageDigest.isEqual(digest(B64_DECODER.decode(parts[1]), code), B64_DECODER.decode(parts[2]));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /**
     * The code as typed, read as Crockford reads it: case does not matter, hyphens and spaces are ignored, O is
     * zero, I and L are one.
     */
    static String normalise(String typed) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '-', ' ' -> {}
                case 'O' -> code.append('0');
                case 'I', 'L' -> code.append('1');
                default -> code.append(c);
            }
        }
        return code.toString();
    }

    private static byte[] digest(byte[] salt, String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
