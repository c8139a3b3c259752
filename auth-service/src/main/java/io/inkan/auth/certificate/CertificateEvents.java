package io.inkan.auth.certificate;

import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.RequestKind;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps the book of certificates in step with issuance-service and the administrators' reissues. */
@Component
class CertificateEvents {
    private final CertificateRepository certificates;

    CertificateEvents(CertificateRepository certificates) {
        this.certificates = certificates;
    }

    @EventListener
    void on(CertificateIssued event) {
        // A renewal stays beside the certificate it replaces until its first logon, so a renewal that
        // was never installed locks nobody out.
        boolean awaitsFirstUse = event.kind() == RequestKind.RENEWAL && event.replacesSerialNumber() != null;
        certificates.insert(event, awaitsFirstUse ? CertificateStatus.AWAITING_FIRST_USE : CertificateStatus.ACTIVE);
        certificates.clearReissuePending(event.contractId(), event.userId());
    }

    @EventListener
    void on(CertificateRevoked event) {
        certificates.changeStatus(serial(event.serialNumber()), CertificateStatus.REVOKED);
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
     * 初期化: the user may log on with ID and password at once. issuance-service revokes the current
     * certificate too; not waiting for that event keeps the two topics' order from mattering.
     */
    @EventListener
    void on(CertificateReissueAuthorized event) {
        certificates.markReissuePending(event.contractId(), event.userId(), event.authorizedAt());
        certificates.changeStatusOfUser(
                event.contractId(),
                event.userId(),
                CertificateStatus.REVOKED,
                CertificateStatus.ACTIVE,
                CertificateStatus.AWAITING_FIRST_USE);
    }

    private static String serial(String serialNumber) {
        return serialNumber.toLowerCase(Locale.ROOT);
    }
}
