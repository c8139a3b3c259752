package io.inkan.admin.user;

import io.inkan.events.RevocationReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The read model of one user's certificates, built from auth and issuance events, which arrive on
 * different topics and so in no fixed order between them. Every transition is idempotent (a
 * redelivered or late event changes nothing it should not), and the shown {@link #status} is
 * derived, not stored.
 *
 * <p>It keeps what issuance-service decided and never works it out again (docs/design.md rule 10): whether a
 * renewal waits for its first use, and what became of each authorization (used, lapsed). Until issuance-service
 * says, an authorization is outstanding.
 *
 * @param currentSerial the certificate the user logs on with (or last did), or null
 * @param currentNotAfter its notAfter (null while only its activation is known)
 * @param current whether it is active, revoked or expired; null when there is none
 * @param pendingSerial a renewal issued but not used to log on yet, or null
 * @param pendingNotAfter the renewal's notAfter
 * @param authorizations every authorization granted for the user, oldest first
 */
record CertificateState(
        String currentSerial,
        Instant currentNotAfter,
        Current current,
        String pendingSerial,
        Instant pendingNotAfter,
        List<Authorization> authorizations) {

    enum Current {
        ACTIVE,
        REVOKED,
        EXPIRED
    }

    static final CertificateState NONE = new CertificateState(null, null, null, null, null, List.of());

    CertificateState {
        authorizations = authorizations.stream()
                .sorted(Comparator.comparing(Authorization::authorizedAt))
                .toList();
    }

    CertificateStatus status() {
        if (current == Current.ACTIVE) {
            return pendingSerial != null ? CertificateStatus.RENEWAL_PENDING : CertificateStatus.ACTIVE;
        }
        if (authorizationOutstanding()) {
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

    boolean authorizationOutstanding() {
        return outstanding().isPresent();
    }

    /** The oldest outstanding authorization: the one issuance-service uses first. */
    Optional<Authorization> outstanding() {
        return authorizations.stream().filter(Authorization::outstanding).findFirst();
    }

    Optional<Authorization> outstanding(AuthorizationKind kind) {
        return authorizations.stream()
                .filter(Authorization::outstanding)
                .filter(a -> a.kind() == kind)
                .findFirst();
    }

    /**
     * OUTSTANDING while any authorization is; otherwise what became of the latest one; null if none was ever
     * granted.
     */
    AuthorizationStatus authorizationStatus() {
        if (authorizationOutstanding()) {
            return AuthorizationStatus.OUTSTANDING;
        }
        return authorizations.isEmpty() ? null : authorizations.getLast().status();
    }

    /**
     * The administrator granted one issuance (or a reissue). It stays outstanding until issuance-service says it
     * was used or lapsed; one granted while another is outstanding is kept beside it, as issuance-service keeps
     * both.
     */
    CertificateState authorized(String id, AuthorizationKind kind, Instant at) {
        if (authorization(id).isPresent()) {
            return this;
        }
        List<Authorization> granted = new ArrayList<>(authorizations);
        granted.add(new Authorization(id, kind, at, AuthorizationStatus.OUTSTANDING));
        return withAuthorizations(granted);
    }

    /** issuance-service let the authorization lapse unused. */
    CertificateState authorizationLapsed(String id) {
        return settled(id, AuthorizationStatus.LAPSED);
    }

    /**
     * A certificate was issued, with what issuance-service decided about it: a renewal that waits for its first
     * use is RENEWAL_PENDING beside the active certificate; anything else becomes the user's certificate at once.
     * The authorization the issuance used (if any) is used up; other outstanding ones stay, as in issuance-service.
     *
     * @param awaitingFirstUse {@code CertificateIssued.awaitingFirstUse}
     * @param authorizationId {@code CertificateIssued.authorizationId}, or null when the issuance needed none
     */
    CertificateState issued(String serial, Instant notAfter, boolean awaitingFirstUse, String authorizationId) {
        CertificateState state = settled(authorizationId, AuthorizationStatus.USED);
        if (serial.equals(currentSerial)) {
            // seen already, or its activation arrived first: complete what is missing
            return currentNotAfter != null
                    ? state
                    : state.withCurrent(serial, notAfter, current, pendingSerial, pendingNotAfter);
        }
        if (serial.equals(pendingSerial)) {
            return state;
        }
        if (awaitingFirstUse && current == Current.ACTIVE) {
            return state.withCurrent(currentSerial, currentNotAfter, current, serial, notAfter);
        }
        return state.withCurrent(serial, notAfter, Current.ACTIVE, null, null);
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

    Optional<Authorization> authorization(String id) {
        return authorizations.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** Settles an outstanding authorization; one settled already, or unknown here, stays as it is. */
    private CertificateState settled(String id, AuthorizationStatus outcome) {
        if (id == null || authorization(id).filter(Authorization::outstanding).isEmpty()) {
            return this;
        }
        return withAuthorizations(authorizations.stream()
                .map(a -> a.id().equals(id) ? a.settled(outcome) : a)
                .toList());
    }

    private CertificateState withAuthorizations(List<Authorization> changed) {
        return new CertificateState(currentSerial, currentNotAfter, current, pendingSerial, pendingNotAfter, changed);
    }

    private CertificateState withCurrent(
            String serial, Instant notAfter, Current state, String pending, Instant pendingNotAfter) {
        return new CertificateState(serial, notAfter, state, pending, pendingNotAfter, authorizations);
    }
}
