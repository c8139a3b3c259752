package io.inkan.admin.user;

import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import java.time.Instant;
import java.util.Objects;

/**
 * The read model of one user's certificates, built from auth and issuance events, which arrive on
 * different topics and so in no fixed order between them. Every transition is idempotent (a
 * redelivered or late event changes nothing it should not), and the shown {@link #status} is
 * derived, not stored.
 *
 * @param currentSerial the certificate the user logs on with (or last did), or null
 * @param currentNotAfter its notAfter (null while only its activation is known)
 * @param current whether it is active, revoked or expired; null when there is none
 * @param pendingSerial a renewal issued but not used to log on yet, or null
 * @param pendingNotAfter the renewal's notAfter
 * @param authorizationId an administrator's authorization not yet used by an issuance, or null
 * @param authorizationKind issuance authorization or reissue
 * @param authorizedAt when it was granted
 * @param authorizationExpiresAt when it lapses unused
 */
record CertificateState(
        String currentSerial,
        Instant currentNotAfter,
        Current current,
        String pendingSerial,
        Instant pendingNotAfter,
        String authorizationId,
        AuthorizationKind authorizationKind,
        Instant authorizedAt,
        Instant authorizationExpiresAt) {

    enum Current {
        ACTIVE,
        REVOKED,
        EXPIRED
    }

    static final CertificateState NONE = new CertificateState(null, null, null, null, null, null, null, null, null);

    CertificateStatus status(Instant now) {
        if (current == Current.ACTIVE) {
            return pendingSerial != null ? CertificateStatus.RENEWAL_PENDING : CertificateStatus.ACTIVE;
        }
        if (authorizationOutstanding(now)) {
            return CertificateStatus.AUTHORIZED;
        }
        if (current == Current.REVOKED) {
            return CertificateStatus.REVOKED;
        }
        if (current == Current.EXPIRED) {
            return CertificateStatus.EXPIRED;
        }
        return CertificateStatus.NONE;
    }

    boolean authorizationOutstanding(Instant now) {
        return authorizationId != null && (authorizationExpiresAt == null || now.isBefore(authorizationExpiresAt));
    }

    /** The administrator granted one issuance (or a reissue); it stays until a certificate is issued or it lapses. */
    CertificateState authorized(String id, AuthorizationKind kind, Instant at, Instant expiresAt) {
        return new CertificateState(
                currentSerial, currentNotAfter, current, pendingSerial, pendingNotAfter, id, kind, at, expiresAt);
    }

    /**
     * A certificate was issued. A renewal of the active certificate waits for its first use
     * (RENEWAL_PENDING); anything else (first issuance, reissue, self-service re-issue) becomes the
     * user's certificate at once and uses up the outstanding authorization.
     */
    CertificateState issued(String serial, Instant notAfter, RequestKind kind, String replacesSerial) {
        if (serial.equals(currentSerial)) {
            // seen already, or its activation arrived first: complete what is missing
            return currentNotAfter != null
                    ? this
                    : withCurrent(serial, notAfter, current, pendingSerial, pendingNotAfter);
        }
        if (serial.equals(pendingSerial)) {
            return this;
        }
        boolean renewal = kind == RequestKind.RENEWAL || (kind == null && replacesSerial != null);
        if (renewal && current == Current.ACTIVE && Objects.equals(replacesSerial, currentSerial)) {
            return new CertificateState(
                    currentSerial,
                    currentNotAfter,
                    current,
                    serial,
                    notAfter,
                    authorizationId,
                    authorizationKind,
                    authorizedAt,
                    authorizationExpiresAt);
        }
        return new CertificateState(serial, notAfter, Current.ACTIVE, null, null, null, null, null, null);
    }

    /** The renewal was used to log on: it is now the user's only certificate. */
    CertificateState activated(String serial) {
        if (serial.equals(currentSerial)) {
            return this;
        }
        if (serial.equals(pendingSerial)) {
            return withCurrent(pendingSerial, pendingNotAfter, Current.ACTIVE, null, null);
        }
        // activation seen before its issuance (another topic): the certificate is in use all the same
        return withCurrent(serial, null, Current.ACTIVE, null, null);
    }

    /**
     * A certificate was revoked. The current one superseded while a renewal waits means the renewal
     * took over (its activation may still be on its way); otherwise the current one is revoked.
     */
    CertificateState revoked(String serial, RevocationReason reason) {
        if (serial.equals(pendingSerial)) {
            return withCurrent(currentSerial, currentNotAfter, current, null, null);
        }
        if (!serial.equals(currentSerial) || current == Current.REVOKED) {
            return this; // an older certificate, or seen already
        }
        if (pendingSerial != null && reason == RevocationReason.SUPERSEDED) {
            return withCurrent(pendingSerial, pendingNotAfter, Current.ACTIVE, null, null);
        }
        return withCurrent(currentSerial, currentNotAfter, Current.REVOKED, pendingSerial, pendingNotAfter);
    }

    /** A certificate passed its notAfter; a waiting renewal is still good and takes over. */
    CertificateState expired(String serial, Instant notAfter) {
        if (serial.equals(pendingSerial)) {
            return withCurrent(currentSerial, currentNotAfter, current, null, null);
        }
        if (!serial.equals(currentSerial) || current != Current.ACTIVE) {
            return this;
        }
        if (pendingSerial != null) {
            return withCurrent(pendingSerial, pendingNotAfter, Current.ACTIVE, null, null);
        }
        return withCurrent(
                currentSerial, currentNotAfter != null ? currentNotAfter : notAfter, Current.EXPIRED, null, null);
    }

    private CertificateState withCurrent(
            String serial, Instant notAfter, Current state, String pending, Instant pendingNotAfter) {
        return new CertificateState(
                serial,
                notAfter,
                state,
                pending,
                pendingNotAfter,
                authorizationId,
                authorizationKind,
                authorizedAt,
                authorizationExpiresAt);
    }
}
