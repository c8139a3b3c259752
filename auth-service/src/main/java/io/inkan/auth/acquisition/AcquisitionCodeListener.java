package io.inkan.auth.acquisition;

import io.inkan.events.AuthorizationLapsed;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.IssuanceAuthorized;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Learns the administrators' authorizations that came with an acquisition code, and issuance-service's word that
 * one lapsed. (A reissue's other effects, the ID and password logon and the end of sessions, are the certificate
 * feature's listener's.)
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
    void on(CertificateReissueAuthorized event) {
        checks.authorized(
                event.contractId(),
                event.userId(),
                event.authorizationId(),
                true,
                event.acquisitionCodeHash(),
                event.authorizedAt());
    }

    @EventListener
    void on(AuthorizationLapsed event) {
        checks.lapsed(event.authorizationId(), event.lapsedAt());
    }
}
