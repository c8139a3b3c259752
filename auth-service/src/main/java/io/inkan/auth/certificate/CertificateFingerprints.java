package io.inkan.auth.certificate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

final class CertificateFingerprints {
    private CertificateFingerprints() {}

    /** Lowercase hex without separators, whatever form the event used. */
    static String normalise(String fingerprint) {
        return fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
    }

    static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
