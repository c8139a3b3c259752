package io.inkan.issuance.certificate;

import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.RevocationCause;
import io.inkan.events.RevocationReason;
import io.inkan.messaging.Outbox;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The state changes of an issued certificate after issuance: revocation, expiry, a renewal taking the current one's
 * place. Each change and its event commit together (outbox); callers provide the transaction.
 */
@Component
class CertificateLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CertificateLifecycle.class);

    private final CertificateRepository certificates;
    private final Outbox outbox;
    private final ApplicationEventPublisher publisher;

    CertificateLifecycle(CertificateRepository certificates, Outbox outbox, ApplicationEventPublisher publisher) {
        this.certificates = certificates;
        this.outbox = outbox;
        this.publisher = publisher;
    }

    /**
     * Revokes one certificate; revoking one already revoked changes nothing. The cause travels with the event, so
     * that the user's mail says what happened: the reason alone does not ({@code superseded} may be a renewal or
     * the administrator's choice in a reissue).
     */
    void revoke(StoredCertificate certificate, RevocationReason reason, RevocationCause cause, Instant now) {
        if (!certificates.markRevoked(certificate.serialNumber(), reason.rfcName(), now)) {
            return;
        }
        log.info(
                "Certificate {} of {}:{} revoked ({})",
                certificate.serialNumber(),
                certificate.contractId(),
                certificate.userId(),
                reason.rfcName());
        outbox.append(new CertificateRevoked(
                certificate.serialNumber(), certificate.contractId(), certificate.userId(), reason, now, cause));
        publisher.publishEvent(new RevocationsChanged(
                now,
                new RevokedCertificate(
                        certificate.serialNumber(),
                        now,
                        reason.rfcName(),
                        certificate.issuerKeyId(),
                        certificate.notAfter())));
    }

    /** Revokes every certificate the user can still use (the current one and a renewal beside it). */
    void revokeUsable(String contractId, String userId, RevocationReason reason, RevocationCause cause, Instant now) {
        for (StoredCertificate certificate : certificates.usableForUpdate(contractId, userId)) {
            revoke(certificate, reason, cause, now);
        }
    }

    /** At notAfter: EXPIRED, and a renewal waiting beside it becomes the user's certificate. */
    void expire(StoredCertificate certificate) {
        if (!certificates.markExpired(certificate.serialNumber())) {
            return;
        }
        log.info(
                "Certificate {} of {}:{} expired",
                certificate.serialNumber(),
                certificate.contractId(),
                certificate.userId());
        outbox.append(new CertificateExpired(
                certificate.serialNumber(), certificate.contractId(), certificate.userId(), certificate.notAfter()));
        if (certificate.slot() == StoredCertificate.Slot.CURRENT) {
            certificates.promoteSuccessor(certificate.contractId(), certificate.userId());
        }
    }

    /** Expires the user's certificates past notAfter, so that a decision sees what the user really holds. */
    void expireDue(String contractId, String userId, Instant now) {
        certificates.dueForExpiry(contractId, userId, now).forEach(this::expire);
    }

    /**
     * auth-service saw the first logon with {@code serialNumber}: if it is the user's renewal, it becomes the user's
     * certificate and the one it replaces is revoked {@code superseded}. Redelivery changes nothing.
     */
    void activate(String contractId, String userId, String serialNumber, Instant now) {
        var usable = certificates.usableForUpdate(contractId, userId);
        boolean isSuccessor = usable.stream()
                .anyMatch(c -> c.serialNumber().equals(serialNumber) && c.slot() == StoredCertificate.Slot.SUCCESSOR);
        if (!isSuccessor) {
            log.debug("Activation of {} for {}:{} changes nothing", serialNumber, contractId, userId);
            return;
        }
        for (StoredCertificate certificate : usable) {
            if (certificate.slot() == StoredCertificate.Slot.CURRENT) {
                revoke(certificate, RevocationReason.SUPERSEDED, RevocationCause.RENEWAL, now);
            }
        }
        certificates.promoteSuccessor(contractId, userId);
        log.info("Renewal {} of {}:{} is now the user's certificate", serialNumber, contractId, userId);
    }
}
