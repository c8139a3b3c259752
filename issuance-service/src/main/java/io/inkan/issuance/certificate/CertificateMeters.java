package io.inkan.issuance.certificate;

import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.InkanEvent;
import io.inkan.events.RejectionReason;
import io.inkan.events.RevocationReason;
import io.inkan.messaging.CommittedEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The certificates' meters, counted from the events this service publishes, once their transaction committed (so a
 * rolled-back issuance counts nothing, and a redelivered request the inbox dropped is not counted again):
 * {@value #ISSUED}, {@value #REJECTED} by {@link RejectionReason}, {@value #REVOKED} by RFC 5280 reason, and
 * {@value #EXPIRED}. Every counter exists from the start at zero, so a rate is defined before the first fact; the
 * tags are enums only.
 */
@Component
class CertificateMeters implements CommittedEvents {
    static final String ISSUED = "inkan.certificates.issued";
    static final String REJECTED = "inkan.certificates.rejected";
    static final String REVOKED = "inkan.certificates.revoked";
    static final String EXPIRED = "inkan.certificates.expired";

    private final Counter issued;
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);
    private final Map<RevocationReason, Counter> revoked = new EnumMap<>(RevocationReason.class);
    private final Counter expired;

    CertificateMeters(MeterRegistry meters) {
        issued = Counter.builder(ISSUED).description("Certificates issued").register(meters);
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(
                    reason,
                    Counter.builder(REJECTED)
                            .description("Certificate requests rejected, by reason")
                            .tag("reason", reason.name())
                            .register(meters));
        }
        for (RevocationReason reason : RevocationReason.values()) {
            revoked.put(
                    reason,
                    Counter.builder(REVOKED)
                            .description("Certificates revoked, by RFC 5280 reason")
                            .tag("reason", reason.rfcName())
                            .register(meters));
        }
        expired = Counter.builder(EXPIRED)
                .description("Certificates that reached their notAfter")
                .register(meters);
    }

    @Override
    public void committed(InkanEvent event) {
        switch (event) {
            case CertificateIssued e -> issued.increment();
            case CertificateRejected e -> rejected.get(e.reason()).increment();
            case CertificateRevoked e -> revoked.get(e.reason()).increment();
            case CertificateExpired e -> expired.increment();
            default -> {}
        }
    }
}
