package io.inkan.auth.sealing;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code inkan.auth.sealing.*}: a bank's own sealing key. Unset, the key lives in the service's key vault
 * (docs/contract.md §8), made once and shared by every instance.
 *
 * @param keystore a PKCS#12 file holding the bank's RSA sealing key and its certificate
 * @param keystorePassword protects that file; required with it, and with no default anywhere (a default would
 *     protect every bank's key with one published word)
 */
@ConfigurationProperties("inkan.auth.sealing")
record SealingProperties(Path keystore, String keystorePassword) {
    /** Names the property, which the binder alone would not always spell as it is configured. */
    static final String PASSWORD_REQUIRED =
            "inkan.auth.sealing.keystore is set, so inkan.auth.sealing.keystore-password must be set too"
                    + " (INKAN_AUTH_SEALING_KEYSTORE_PASSWORD): it opens that PKCS#12 file and has no default";

    SealingProperties {
        if (keystore != null && (keystorePassword == null || keystorePassword.isBlank())) {
            throw new IllegalArgumentException(PASSWORD_REQUIRED);
        }
    }

    @Override
    public String toString() {
        // Never print the password, whatever logs the properties.
        return "SealingProperties[keystore=" + keystore + "]";
    }
}
