package io.inkan.auth.request;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Follows issuance-service's answers, so a front end polling a request ID sees them. */
@Component
class RequestOutcomes {
    private final RequestRepository requests;

    RequestOutcomes(RequestRepository requests) {
        this.requests = requests;
    }

    @EventListener
    void on(CertificateIssued event) {
        requests.markIssued(event);
    }

    @EventListener
    void on(CertificateRejected event) {
        requests.markRejected(event);
    }
}
