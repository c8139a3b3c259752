package io.inkan.auth.certificate;

import io.inkan.events.CertificateActivated;
import io.inkan.events.CertificateIssued;
import io.inkan.events.RequestKind;
import io.inkan.messaging.Outbox;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The certificates feature's entry: which certificates each user holds (learnt from issuance-service's
 * events, in the states it said), which one a presented certificate is, and the first use of a renewal.
 */
@Service
public class CertificateBook {
    private static final Logger log = LoggerFactory.getLogger(CertificateBook.class);

    private final CertificateRepository certificates;
    private final RequestsAwaitingAnswer requestsAwaitingAnswer;
    private final Outbox outbox;
    private final Clock clock;

    CertificateBook(
            CertificateRepository certificates,
            RequestsAwaitingAnswer requestsAwaitingAnswer,
            Outbox outbox,
            Clock clock) {
        this.certificates = certificates;
        this.requestsAwaitingAnswer = requestsAwaitingAnswer;
        this.outbox = outbox;
        this.clock = clock;
    }

    public CertificateHolding holdingOf(String contractId, String userId) {
        return new CertificateHolding(
                certificates.ofUser(contractId, userId),
                certificates.latestReissue(contractId, userId).orElse(null));
    }

    /**
     * Where the user's certificate stands for a session of theirs (the renewal notice); empty when they hold no usable
     * certificate.
     *
     * @param loggedOnWith the serial of the certificate the session logged on with, or null for ID and password
     */
    public Optional<CertificateStanding> standingOf(String contractId, String userId, String loggedOnWith) {
        return CertificateStanding.of(
                holdingOf(contractId, userId),
                loggedOnWith,
                requestsAwaitingAnswer.of(contractId, userId),
                clock.instant());
    }

    /**
     * Learns a certificate issuance-service issued, in the state it said: waiting for its first logon
     * (a renewal that stays beside the certificate it renews, so a renewal never installed locks nobody
     * out) or ACTIVE. A second delivery of the same certificate changes nothing.
     */
    public void learn(CertificateIssued issued) {
        certificates.insert(
                issued, waitsForFirstUse(issued) ? CertificateStatus.AWAITING_FIRST_USE : CertificateStatus.ACTIVE);
    }

    /**
     * issuance-service decides whether a renewal waits for its first use and says it in the event. An
     * issuance-service from before it said so ({@code awaitingFirstUse} absent) made exactly its renewals
     * of a certificate wait: for those events alone, and only here, that rule is read from kind and
     * replaces.
     */
    private static boolean waitsForFirstUse(CertificateIssued issued) {
        if (issued.awaitingFirstUse() == null) {
            return issued.kind() == RequestKind.RENEWAL && issued.replacesSerialNumber() != null;
        }
        return issued.waitsForFirstUse();
    }

    /**
     * The known certificate a presented one is: the one issuance-service issued with this serial number
     * AND this SHA-256 fingerprint (a certificate with a known serial but other content is not it). The
     * exact match is what binds it to its user: auth-service learnt contract and user with the
     * fingerprint from {@code CertificateIssued}, never from the certificate's subject.
     */
    public Optional<KnownCertificate> identify(X509Certificate certificate) {
        String serial = certificate.getSerialNumber().toString(16);
        String fingerprint;
        try {
            fingerprint = CertificateFingerprints.sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            return Optional.empty();
        }
        return certificates
                .bySerial(serial)
                .filter(known -> known.sha256Fingerprint().equals(fingerprint));
    }

    /**
     * Records that a certificate was used to log on. The first logon with a renewal makes it the user's
     * active certificate, retires the one it replaces and publishes {@code CertificateActivated}; exactly
     * once, even with several instances, as the status change is conditional.
     */
    @Transactional
    public void usedToLogOn(KnownCertificate certificate) {
        if (certificate.status() != CertificateStatus.AWAITING_FIRST_USE) {
            return;
        }
        int activated = certificates.changeStatus(
                certificate.serialNumber(), CertificateStatus.ACTIVE, CertificateStatus.AWAITING_FIRST_USE);
        if (activated == 0) {
            return; // another logon activated it first
        }
        if (certificate.replacesSerialNumber() != null) {
            certificates.changeStatus(
                    certificate.replacesSerialNumber(),
                    CertificateStatus.SUPERSEDED,
                    CertificateStatus.ACTIVE,
                    CertificateStatus.AWAITING_FIRST_USE);
        }
        log.info(
                "Renewal certificate {} of {}:{} used for the first time; it replaces {}",
                certificate.serialNumber(),
                certificate.contractId(),
                certificate.userId(),
                certificate.replacesSerialNumber());
        outbox.append(new CertificateActivated(
                certificate.contractId(),
                certificate.userId(),
                certificate.serialNumber(),
                certificate.replacesSerialNumber(),
                clock.instant()));
    }
}
