package io.inkan.issuance.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.Span;
import io.inkan.issuance.policy.CertificateProperties;
import io.inkan.issuance.policy.IssuanceMode;
import io.inkan.issuance.policy.IssuanceProperties;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CertificateProfileTest {
    private final CertificateProfile profile = new CertificateProfile(
            new CertificateProperties(
                    Span.valueOf("PT3M"),
                    Span.valueOf("P40D"),
                    Span.valueOf("P90D"),
                    "CN={contractId}{userId},OU=Inkan Bank Internet Banking CA,O=Inkan Bank\\, Ltd.,C=JP"),
            new IssuanceProperties(
                    IssuanceMode.ADMIN_AUTHORIZED,
                    Span.valueOf("P90D"),
                    Span.valueOf("PT10S"),
                    "http://ca.example/",
                    Span.valueOf("PT24H"),
                    Span.valueOf("PT1H")));

    @Test
    void theSubjectComesFromTheConfiguredTemplate() {
        assertThat(profile.subject("C001", "u1").getName())
                .isEqualTo("CN=C001u1,OU=Inkan Bank Internet Banking CA,O=Inkan Bank\\, Ltd.,C=JP");
    }

    @Test
    void anIdCannotAddAttributesToTheSubject() {
        assertThat(profile.subject("C001", "x,O=Evil").getName()).startsWith("CN=C001x\\,O\\=Evil,OU=");
    }

    @Test
    void validityMayBeADuration() {
        Instant notBefore = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(profile.notAfter(notBefore)).isEqualTo(Instant.parse("2025-01-01T00:03:00Z"));
    }
}
