package io.inkan.issuance.certificate;

import io.inkan.events.CertificateActivated;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRequested;
import io.inkan.events.IssuanceAuthorized;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The inbound events that touch certificates. Each runs in the transaction that records the event as applied, so a
 * redelivery changes nothing. The administrators' events are handled after {@code right} has recorded the
 * authorization (lowest precedence), so a held request finds it.
 */
@Component
class CertificateEventsListener {
    private final IssuanceCycle cycle;
    private final CertificateLifecycle lifecycle;
    private final Clock clock;

    CertificateEventsListener(IssuanceCycle cycle, CertificateLifecycle lifecycle, Clock clock) {
        this.cycle = cycle;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    @EventListener
    void on(CertificateRequested event) {
        cycle.onRequest(event, clock.instant());
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void on(IssuanceAuthorized event) {
        cycle.retryHeld(event.contractId(), event.userId(), clock.instant());
    }

    /** 初期化: the user's certificates are revoked for the administrator's reason, then one issuance is allowed. */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void on(CertificateReissueAuthorized event) {
        lifecycle.revokeUsable(event.contractId(), event.userId(), event.reason(), clock.instant());
        cycle.retryHeld(event.contractId(), event.userId(), clock.instant());
    }

    @EventListener
    void on(CertificateActivated event) {
        lifecycle.activate(event.contractId(), event.userId(), event.serialNumber(), clock.instant());
    }
}
