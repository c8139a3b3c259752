package io.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.EventTypes;
import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.testsupport.Csrs;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an operator's dashboard counts of the certificates, moved by the facts themselves: an issuance, a rejection by
 * its reason, a revocation by its RFC 5280 reason; a request delivered twice issues one certificate and counts one.
 * (Expiry is counted in {@link IssuanceIT}, which moves the clock past notAfter.)
 */
class CertificateMetersIT extends IssuanceServiceIT {
    @Autowired
    MeterRegistry meters;

    @Test
    void aRequestDeliveredTwiceIsIssuedAndCountedOnce() {
        double before = count("inkan.certificates.issued");
        String user = user();
        authorize(user);
        var requested = new CertificateRequested(
                UUID.randomUUID().toString(), "C001", user, RequestKind.NEW, Csrs.csrPem(Csrs.p256()), CLOCK.instant());
        publish(requested, UUID.randomUUID().toString());
        publish(requested, UUID.randomUUID().toString()); // auth-service sent it again

        awaitIssued(requested.requestId());
        await().atMost(WAIT).until(() -> count("inkan.certificates.issued") == before + 1);
        issuanceEvents.drain(Duration.ofSeconds(2)); // the duplicate has had its chance to be issued again
        assertThat(count("inkan.certificates.issued")).isEqualTo(before + 1);
    }

    @Test
    void aRejectionIsCountedByItsReason() {
        double before = count("inkan.certificates.rejected", "reason", "INVALID_CSR");
        double notAuthorized = count("inkan.certificates.rejected", "reason", "NOT_AUTHORIZED");
        String user = user();
        authorize(user);

        String garbage = request(user, RequestKind.NEW, "-----BEGIN CERTIFICATE REQUEST-----\nnot a csr\n");

        assertThat(awaitRejected(garbage).reason()).isEqualTo(RejectionReason.INVALID_CSR);
        await().atMost(WAIT).until(() -> count("inkan.certificates.rejected", "reason", "INVALID_CSR") == before + 1);
        assertThat(count("inkan.certificates.rejected", "reason", "NOT_AUTHORIZED"))
                .isEqualTo(notAuthorized);
    }

    @Test
    void aRevocationIsCountedByItsRfc5280Reason() {
        String user = user();
        authorize(user);
        CertificateIssued issued = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        double before = count("inkan.certificates.revoked", "reason", "keyCompromise");

        publish(new CertificateReissueAuthorized(
                "C001",
                user,
                UUID.randomUUID().toString(),
                RevocationReason.KEY_COMPROMISE,
                "admin1",
                CLOCK.instant()));

        issuanceEvents.awaitEvent(EventTypes.nameOf(CertificateRevoked.class), issued.serialNumber(), WAIT);
        await().atMost(WAIT).until(() -> count("inkan.certificates.revoked", "reason", "keyCompromise") == before + 1);
    }

    private double count(String name, String... tags) {
        return meters.get(name).tags(tags).counter().count();
    }
}
