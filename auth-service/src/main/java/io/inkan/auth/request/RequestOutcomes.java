package io.inkan.auth.request;

import io.inkan.auth.acquisition.AcquisitionCodeChecks;
import io.inkan.auth.certificate.CertificateBook;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows issuance-service's answers, so a front end reading a request ID sees them, and wakes the GETs that wait
 * for them ({@link OutcomeWatch}). The one listener of
 * each answer in auth-service: a CertificateIssued also teaches the book of certificates the new one, in
 * the same transaction, so that it logs on as soon as its request shows ISSUED, and spends the acquisition code of
 * the authorization it used.
 */
@Component
class RequestOutcomes {
    private final RequestRepository requests;
    private final CertificateBook certificates;
    private final OutcomeWatch watch;
    private final AcquisitionCodeChecks acquisitionCodes;

    RequestOutcomes(
            RequestRepository requests,
            CertificateBook certificates,
            OutcomeWatch watch,
            AcquisitionCodeChecks acquisitionCodes) {
        this.requests = requests;
        this.certificates = certificates;
        this.watch = watch;
        this.acquisitionCodes = acquisitionCodes;
    }

    @EventListener
    void on(CertificateIssued event) {
        certificates.learn(event);
        if (event.authorizationId() != null) {
            acquisitionCodes.used(
                    event.authorizationId(), event.issuedAt() != null ? event.issuedAt() : event.notBefore());
        }
        if (requests.markIssued(event)) {
            watch.recorded(event.requestId());
        }
    }

    @EventListener
    void on(CertificateRejected event) {
        if (requests.markRejected(event)) {
            watch.recorded(event.requestId());
        }
    }
}
