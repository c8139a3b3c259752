package io.inkan.issuance.policy;

import io.inkan.events.Span;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.certificate.*}: the certificate profile and the periods around a certificate's life.
 *
 * @param validity notAfter - notBefore of an issued certificate
 * @param renewalWindow how long before notAfter a renewal is allowed
 * @param postExpiryGrace how long after notAfter ID and password still renew
 * @param subject the subject DN (RFC 4514, most specific first); {@code {contractId}} and {@code {userId}} are
 *     replaced
 */
@Validated
@ConfigurationProperties("inkan.certificate")
public record CertificateProperties(
        @DefaultValue("P1Y") @NotNull Span validity,
        @DefaultValue("P40D") @NotNull Span renewalWindow,
        @DefaultValue("P90D") @NotNull Span postExpiryGrace,

        @DefaultValue("CN={contractId}{userId},OU=Inkan Bank Internet Banking CA,O=Inkan Bank\\, Ltd.,C=JP") @NotBlank
        String subject) {

    public CertificateProperties {
        if (validity != null && validity.isZero()) {
            throw new IllegalArgumentException("inkan.certificate.validity must be longer than zero");
        }
    }
}
