package io.inkan.auth.acquisition;

import io.inkan.events.AuthorizationLapsed;
import io.inkan.events.IssuanceAuthorized;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Learns the administrators' issuance authorizations that came with an acquisition code, and issuance-service's word
 * that one lapsed. (A reissue's code is recorded by the certificate feature's listener, the one listener of
 * CertificateReissueAuthorized; a certificate's use of an authorization by the request feature's, the one listener of
 * CertificateIssued.)
 */
@Component
class AcquisitionCodeListener {
    private final AcquisitionCodeChecks checks;

    AcquisitionCodeListener(AcquisitionCodeChecks checks) {
        this.checks = checks;
    }

    @EventListener
    void on(IssuanceAuthorized event) {
        checks.authorized(
                event.contractId(),
                event.userId(),
                event.authorizationId(),
                false,
                event.acquisitionCodeHash(),
                event.authorizedAt());
    }

    @EventListener
    void on(AuthorizationLapsed event) {
        checks.lapsed(event.authorizationId(), event.lapsedAt());
    }
}
