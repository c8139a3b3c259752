package io.inkan.auth.request;

import io.inkan.auth.certificate.RequestsAwaitingAnswer;
import org.springframework.stereotype.Component;

/** A user's request stays PENDING here until issuance-service's CertificateIssued or CertificateRejected arrives. */
@Component
class UserRequestsAwaitingAnswer implements RequestsAwaitingAnswer {
    private final RequestRepository requests;

    UserRequestsAwaitingAnswer(RequestRepository requests) {
        this.requests = requests;
    }

    @Override
    public boolean of(String contractId, String userId) {
        return requests.pendingOf(contractId, userId);
    }
}
