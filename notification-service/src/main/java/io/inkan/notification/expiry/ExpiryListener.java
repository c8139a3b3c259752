package io.inkan.notification.expiry;

import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRevoked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps the schedule in step with issuance-service, in the transaction that marks each event applied. */
@Component
class ExpiryListener {
    private final ExpirySchedule schedule;

    ExpiryListener(ExpirySchedule schedule) {
        this.schedule = schedule;
    }

    @EventListener
    void on(CertificateIssued event) {
        schedule.certificateIssued(event);
    }

    @EventListener
    void on(CertificateRevoked event) {
        schedule.certificateEnded(event.serialNumber());
    }

    @EventListener
    void on(CertificateExpired event) {
        schedule.certificateEnded(event.serialNumber());
    }
}
