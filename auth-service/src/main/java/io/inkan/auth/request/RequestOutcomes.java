package io.inkan.auth.request;

import io.inkan.auth.certificate.CertificateBook;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows issuance-service's answers, so a front end polling a request ID sees them. The one listener of
 * each answer in auth-service: a CertificateIssued also teaches the book of certificates the new one, in
 * the same transaction, so that it logs on as soon as its request shows ISSUED.
 */
@Component
class RequestOutcomes {
    private final RequestRepository requests;
    private final CertificateBook certificates;

    RequestOutcomes(RequestRepository requests, CertificateBook certificates) {
        this.requests = requests;
        this.certificates = certificates;
    }

    @EventListener
    void on(CertificateIssued event) {
        certificates.learn(event);
        requests.markIssued(event);
    }

    @EventListener
    void on(CertificateRejected event) {
        requests.markRejected(event);
    }
}
