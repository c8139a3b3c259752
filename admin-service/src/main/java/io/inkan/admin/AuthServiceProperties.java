package io.inkan.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.auth.*}: where auth-service is, as admin-service sees it.
 *
 * @param url auth-service's base URL; its JWKS and sealing certificate are read from there
 * @param issuer the {@code iss} every accepted token carries
 * @param sealingCertificateTtl how long the fetched sealing certificate is used before it is fetched again
 *     (auth-service may rotate it)
 */
@Validated
@ConfigurationProperties("inkan.auth")
public record AuthServiceProperties(
        @DefaultValue("http://127.0.0.1:8081") @NotNull URI url,
        @DefaultValue("inkan-auth") @NotBlank String issuer,
        @DefaultValue("PT1H") @NotNull Duration sealingCertificateTtl) {

    public URI resolve(String path) {
        String base = url.toString().endsWith("/")
                ? url.toString().substring(0, url.toString().length() - 1)
                : url.toString();
        return URI.create(base + path);
    }
}
