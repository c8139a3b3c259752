package io.inkan.auth.sealing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.auth.sealing.*}: where the sealing key lives.
 *
 * @param keystore a PKCS#12 file holding the RSA sealing key and its certificate; created on first start
 *     when missing (the local stack), provided by the bank in production
 * @param keystorePassword protects the keystore; it has no default anywhere (a default would protect every
 *     bank's key with one published word), so the service refuses to start without it; the local stack gives its own
 */
@Validated
@ConfigurationProperties("inkan.auth.sealing")
record SealingProperties(
        @NotNull Path keystore,
        @NotBlank(message = PASSWORD_REQUIRED) String keystorePassword) {
    /** Names the property, which the binder alone would not always spell as it is configured. */
    static final String PASSWORD_REQUIRED =
            "inkan.auth.sealing.keystore-password must be set (INKAN_AUTH_SEALING_KEYSTORE_PASSWORD): it protects"
                    + " the sealing key and has no default";

    @Override
    public String toString() {
        // Never print the password, whatever logs the properties.
        return "SealingProperties[keystore=" + keystore + "]";
    }
}
