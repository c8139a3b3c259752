package io.inkan.issuance.certificate;

import io.inkan.events.AcquisitionCodeExhausted;
import io.inkan.events.CertificateActivated;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CertificatesRevocationOrdered;
import io.inkan.events.IssuanceAuthorized;
import io.inkan.events.UserRemoved;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every inbound event of issuance-service, one listener each, each handing its event to one use case call. Each runs
 * in the transaction that records the event as applied, so a redelivery changes nothing.
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
    void on(IssuanceAuthorized event) {
        cycle.onAuthorization(event, clock.instant());
    }

    @EventListener
    void on(CertificateReissueAuthorized event) {
        cycle.onReissue(event, clock.instant());
    }

    @EventListener
    void on(CertificatesRevocationOrdered event) {
        cycle.onRevocationOrdered(event, clock.instant());
    }

    @EventListener
    void on(UserRemoved event) {
        cycle.onUserRemoved(event, clock.instant());
    }

    @EventListener
    void on(AcquisitionCodeExhausted event) {
        cycle.onAcquisitionCodeExhausted(event, clock.instant());
    }

    @EventListener
    void on(CertificateActivated event) {
        lifecycle.activate(event.contractId(), event.userId(), event.serialNumber(), clock.instant());
    }
}
