package io.inkan.auth.certificate;

import io.inkan.auth.acquisition.AcquisitionCodeChecks;
import io.inkan.auth.token.SessionEnds;
import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.CertificatesRevocationOrdered;
import io.inkan.events.RevocationReason;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the book of certificates in step with issuance-service, which alone decides their states, and
 * records the administrators' reissues, whose ID and password logon is auth-service's own decision
 * ({@link CertificateHolding}). The one listener of each of these events in auth-service: where an event
 * also ends the user's sessions, that happens here, in the same transaction. (CertificateIssued is
 * applied with the request it answers, in the request feature.)
 */
@Component
class CertificateEvents {
    private final CertificateRepository certificates;
    private final SessionEnds sessions;
    private final AcquisitionCodeChecks acquisitionCodes;

    CertificateEvents(
            CertificateRepository certificates, SessionEnds sessions, AcquisitionCodeChecks acquisitionCodes) {
        this.certificates = certificates;
        this.sessions = sessions;
        this.acquisitionCodes = acquisitionCodes;
    }

    /**
     * The certificate is revoked. A revocation {@code superseded} is the normal end of a renewal (the user's
     * new certificate replaced this one) and ends no session; any other reason ends them.
     */
    @EventListener
    void on(CertificateRevoked event) {
        certificates.changeStatus(serial(event.serialNumber()), CertificateStatus.REVOKED);
        if (event.reason() != RevocationReason.SUPERSEDED) {
            sessions.endSessionsOf(
                    event.contractId(),
                    event.userId(),
                    "certificate " + event.serialNumber() + " revoked ("
                            + event.reason().rfcName() + ")");
        }
    }

    @EventListener
    void on(CertificateExpired event) {
        certificates.changeStatus(
                serial(event.serialNumber()),
                CertificateStatus.EXPIRED,
                CertificateStatus.ACTIVE,
                CertificateStatus.AWAITING_FIRST_USE);
    }

    /**
     * 初期化: while no certificate answers this reissue, the user logs on with ID and password, even before
     * issuance-service's revocation of the current certificate arrives (the two topics have no order). The
     * certificates themselves are left to issuance-service's events: revoking them here would also revoke a
     * certificate issued for this very reissue whose event arrived first. Sessions opened until now end. A reissue
     * that came with a one-time acquisition code waits for it (docs/contract.md §4).
     */
    @EventListener
    void on(CertificateReissueAuthorized event) {
        certificates.recordReissue(event.contractId(), event.userId(), event.authorizationId(), event.authorizedAt());
        sessions.endSessionsOf(event.contractId(), event.userId(), "reissue authorized");
        acquisitionCodes.authorized(
                event.contractId(),
                event.userId(),
                event.authorizationId(),
                true,
                event.acquisitionCodeHash(),
                event.authorizedAt());
    }

    /**
     * 失効 ordered: the user's sessions end now, whatever the reason, before issuance-service's revocations arrive on
     * their own topic. Needed for {@code superseded} too: its CertificateRevoked ends no session, as it is also the
     * normal end of a renewal. The certificates' states and the ID and password logon follow issuance-service's
     * CertificateRevoked, as for any revocation.
     */
    @EventListener
    void on(CertificatesRevocationOrdered event) {
        sessions.endSessionsOf(
                event.contractId(),
                event.userId(),
                "revocation ordered (" + event.reason().rfcName() + ") by " + event.orderedBy());
    }

    private static String serial(String serialNumber) {
        return serialNumber.toLowerCase(Locale.ROOT);
    }
}
