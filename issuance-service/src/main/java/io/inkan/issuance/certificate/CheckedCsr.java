package io.inkan.issuance.certificate;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A CSR that parsed, whose signature verified and whose key the policy accepts; only {@link Issuer#check} makes one.
 * Only its key is used: the subject and any requested extensions are ignored.
 */
public final class CheckedCsr {
    private final SubjectPublicKeyInfo publicKey;
    private final String spkiSha256;

    CheckedCsr(SubjectPublicKeyInfo publicKey, String spkiSha256) {
        this.publicKey = publicKey;
        this.spkiSha256 = spkiSha256;
    }

    SubjectPublicKeyInfo publicKey() {
        return publicKey;
    }

    /** Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo: the key's identity for KEY_REUSED. */
    public String spkiSha256() {
        return spkiSha256;
    }
}
