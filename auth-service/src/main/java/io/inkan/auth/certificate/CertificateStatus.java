package io.inkan.auth.certificate;

/** A certificate's state as far as logon is concerned. */
public enum CertificateStatus {
    ACTIVE,
    /** A renewal issued but not used yet: it logs on, and its first logon retires the one it replaces. */
    AWAITING_FIRST_USE,
    /** Replaced by a renewal that has been used. */
    SUPERSEDED,
    REVOKED,
    EXPIRED;

    boolean mayLogOn() {
        return this == ACTIVE || this == AWAITING_FIRST_USE;
    }
}
