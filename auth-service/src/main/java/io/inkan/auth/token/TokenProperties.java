package io.inkan.auth.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.auth.token.*}: sessions.
 *
 * @param signingKeys the JWK set file holding the EC P-256 signing keys (private parts included; the
 *     file is readable by its owner only)
 * @param lifetime how long an access token lives (docs/contract.md: 900 s)
 * @param keyRotation how old the current signing key may get before a new one signs
 * @param retainedKeys how many keys the JWKS keeps, the current one included, so tokens signed before a
 *     rotation stay verifiable
 * @param issuer the {@code iss} claim
 */
@Validated
@ConfigurationProperties("inkan.auth.token")
record TokenProperties(
        @NotNull Path signingKeys,
        @DefaultValue("PT15M") @NotNull Duration lifetime,
        @DefaultValue("P30D") @NotNull Duration keyRotation,
        @DefaultValue("3") int retainedKeys,
        @DefaultValue("inkan-auth") @NotBlank String issuer) {

    TokenProperties {
        if (retainedKeys < 2) {
            throw new IllegalArgumentException("inkan.auth.token.retained-keys must be at least 2");
        }
        if (!keyRotation.minus(lifetime).isPositive()) {
            throw new IllegalArgumentException("inkan.auth.token.key-rotation must be longer than the lifetime");
        }
    }
}
