package io.inkan.issuance.right;

import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.IssuanceAuthorized;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Turns the administrators' events into authorizations. Runs first among the listeners of these events, so that a
 * request held for this very authorization finds it when it is tried again in the same transaction.
 */
@Component
class AdminEventsListener {
    private static final Logger log = LoggerFactory.getLogger(AdminEventsListener.class);

    private final IssuanceRights rights;

    AdminEventsListener(IssuanceRights rights) {
        this.rights = rights;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(IssuanceAuthorized event) {
        log.info("Issuance authorized for {} ({})", event.key(), event.authorizationId());
        rights.authorize(
                event.authorizationId(),
                event.contractId(),
                event.userId(),
                Authorization.Kind.ISSUANCE,
                event.authorizedAt());
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(CertificateReissueAuthorized event) {
        log.info("Reissue authorized for {} ({}, {})", event.key(), event.authorizationId(), event.reason());
        rights.authorize(
                event.authorizationId(),
                event.contractId(),
                event.userId(),
                Authorization.Kind.REISSUE,
                event.authorizedAt());
    }
}
