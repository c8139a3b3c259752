package io.inkan.issuance.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.auth.*}: where auth-service is, as issuance-service sees it.
 *
 * @param url auth-service's base URL; its JWKS is read from there
 * @param issuer the {@code iss} every accepted token carries
 */
@Validated
@ConfigurationProperties("inkan.auth")
record AuthServiceProperties(
        @DefaultValue("http://127.0.0.1:8081") @NotNull URI url,
        @DefaultValue("inkan-auth") @NotBlank String issuer) {

    URI jwks() {
        String base = url.toString().endsWith("/")
                ? url.toString().substring(0, url.toString().length() - 1)
                : url.toString();
        return URI.create(base + "/.well-known/jwks.json");
    }
}
