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
 * @param keystorePassword protects the keystore; production sets it from the environment
 */
@Validated
@ConfigurationProperties("inkan.auth.sealing")
record SealingProperties(@NotNull Path keystore, @NotBlank String keystorePassword) {
    /** The password of auth-service.properties, good for the local stack only. */
    static final String LOCAL_DEFAULT_PASSWORD = "inkan-local-sealing";

    boolean usesLocalDefaultPassword() {
        return LOCAL_DEFAULT_PASSWORD.equals(keystorePassword);
    }
}
