package io.inkan.issuance.policy;

import io.inkan.events.Span;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.issuance.*}.
 *
 * @param mode the bank's style, docs/contract.md §2
 * @param authorizationValidity how long an administrator's unused authorization lasts
 * @param pendingTimeout how long a request waits for an authorization still in flight
 * @param url this service's public base URL, written into certificates (CRL and OCSP addresses); no default, since a
 *     guessed one (127.0.0.1) would go into every certificate and never be reachable by a relying party; the local
 *     stack gives its own
 * @param crlValidity how long a CRL is valid (nextUpdate - thisUpdate); it is re-signed when half has passed
 * @param ocspValidity how long an OCSP answer may be cached (nextUpdate - thisUpdate)
 */
@Validated
@ConfigurationProperties("inkan.issuance")
public record IssuanceProperties(
        @DefaultValue("ADMIN_AUTHORIZED") @NotNull IssuanceMode mode,
        @DefaultValue("P90D") @NotNull Span authorizationValidity,
        @DefaultValue("PT10S") @NotNull Span pendingTimeout,
        @NotBlank(message = URL_REQUIRED) String url,
        @DefaultValue("PT24H") @NotNull Span crlValidity,
        @DefaultValue("PT1H") @NotNull Span ocspValidity) {
    /** Names the property, which the binder alone would not always spell as it is configured. */
    static final String URL_REQUIRED =
            "inkan.issuance.url must be set (INKAN_ISSUANCE_URL): the public base URL of issuance-service,"
                    + " written into every certificate for its CRL and OCSP; it has no default";

    public IssuanceProperties {
        if (url != null && url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
    }

    public String crlUrl() {
        return url + "/crl";
    }

    public String ocspUrl() {
        return url + "/ocsp";
    }
}
