package io.inkan.admin.user;

import io.inkan.events.AccountLocked;
import io.inkan.events.AccountUnlocked;
import io.inkan.events.AuthorizationLapsed;
import io.inkan.events.CertificateActivated;
import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.Realm;
import io.inkan.events.RequestKind;
import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * Keeps each user's certificate status, authorizations and lock state from auth and issuance events. Called by the
 * service's one listener of each event type, in the transaction that marks the event applied; the user's row is
 * locked while it changes. Events about users unknown here (another bank's stack sharing the broker, say) are
 * ignored.
 */
@Component
public class CertificateReadModel {
    private final UserRepository users;
    private final RenewalRequests renewalRequests;

    CertificateReadModel(UserRepository users, RenewalRequests renewalRequests) {
        this.users = users;
        this.renewalRequests = renewalRequests;
    }

    public void certificateIssued(CertificateIssued e) {
        apply(e.contractId(), e.userId(), s -> {
            Decided decided = decided(e, s);
            return s.issued(e.serialNumber(), e.notAfter(), decided.awaitingFirstUse(), decided.authorizationId());
        });
        answered(e.requestId(), e.contractId(), e.userId(), e.issuedAt());
    }

    /** A user asked auth-service for a certificate; a renewal is on its way until issuance-service answers. */
    public void certificateRequested(CertificateRequested e) {
        if (users.lock(e.contractId(), e.userId()).isPresent()) {
            renewalRequests.requested(
                    e.requestId(), e.contractId(), e.userId(), e.kind() == RequestKind.RENEWAL, e.requestedAt());
        }
    }

    public void certificateRejected(CertificateRejected e) {
        answered(e.requestId(), e.contractId(), e.userId(), e.rejectedAt());
    }

    private void answered(String requestId, String contractId, String userId, Instant at) {
        if (users.lock(contractId, userId).isPresent()) {
            renewalRequests.answered(requestId, contractId, userId, at);
        }
    }

    public void certificateActivated(CertificateActivated e) {
        apply(e.contractId(), e.userId(), s -> s.activated(e.serialNumber()));
    }

    public void certificateRevoked(CertificateRevoked e) {
        apply(e.contractId(), e.userId(), s -> s.revoked(e.serialNumber(), e.reason()));
    }

    public void certificateExpired(CertificateExpired e) {
        apply(e.contractId(), e.userId(), s -> s.expired(e.serialNumber(), e.notAfter()));
    }

    public void authorizationLapsed(AuthorizationLapsed e) {
        apply(e.contractId(), e.userId(), s -> s.authorizationLapsed(e.authorizationId()));
    }

    /** Users only; administrators' locks are the contract feature's. */
    public void accountLocked(AccountLocked e) {
        if (e.realm() == Realm.USER && e.contractId() != null) {
            users.setLocked(e.contractId(), e.accountId(), true);
        }
    }

    public void accountUnlocked(AccountUnlocked e) {
        if (e.realm() == Realm.USER && e.contractId() != null) {
            users.setLocked(e.contractId(), e.accountId(), false);
        }
    }

    /** What issuance-service decided about an issuance: whether it waits for its first use, which authorization it used. */
    record Decided(boolean awaitingFirstUse, String authorizationId) {}

    /**
     * issuance-service says both facts in the event. The one exception, and the one place admin-service still
     * works them out: an event of an issuance-service older than {@code awaitingFirstUse} and
     * {@code authorizationId} (added together, so the first is null) says neither. For such an event only, the
     * rule admin-service used before stands in: a renewal of the active certificate waits for its first use, and
     * anything else that is new here used the oldest outstanding authorization (the one issuance-service uses
     * first).
     */
    static Decided decided(CertificateIssued e, CertificateState s) {
        if (e.awaitingFirstUse() != null) {
            return new Decided(e.waitsForFirstUse(), e.authorizationId());
        }
        boolean renewal = e.kind() == RequestKind.RENEWAL || (e.kind() == null && e.replacesSerialNumber() != null);
        boolean waits = renewal
                && s.current() == CertificateState.Current.ACTIVE
                && Objects.equals(e.replacesSerialNumber(), s.currentSerial());
        boolean known =
                e.serialNumber().equals(s.currentSerial()) || e.serialNumber().equals(s.pendingSerial());
        String used =
                waits || known ? null : s.outstanding().map(Authorization::id).orElse(null);
        return new Decided(waits, used);
    }

    private void apply(String contractId, String userId, UnaryOperator<CertificateState> transition) {
        users.lock(contractId, userId).ifPresent(user -> {
            CertificateState next = transition.apply(user.certificate());
            if (!next.equals(user.certificate())) {
                users.updateCertificate(contractId, userId, user.certificate(), next);
            }
        });
    }
}
