package io.inkan.issuance.authority;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.ca.*}: where the CA keys are.
 *
 * @param keystore a PKCS#12 keystore made outside (production); when absent, one is generated on first start at
 *     {@code ${inkan.data-dir}/issuance-service/ca.p12}
 * @param keystorePassword the keystore's password, for a keystore made outside and for the generated one alike; it has
 *     no default (one would protect every bank's CA key with a published word), so the service refuses to start
 *     without it; the local stack gives its own
 * @param keyAlgorithm the key types of a generated CA
 * @param issuingAlias the keystore entry of the issuing CA (private key and chain)
 * @param rootAlias the root's certificate entry, used when the issuing entry's chain ends before the root
 */
@Validated
@ConfigurationProperties("inkan.ca")
record CaProperties(
        Path keystore,
        @NotBlank(message = PASSWORD_REQUIRED) String keystorePassword,
        @DefaultValue("EC") @NotNull CaKeyAlgorithm keyAlgorithm,
        @DefaultValue("issuing") @NotBlank String issuingAlias,
        @DefaultValue("root") @NotBlank String rootAlias) {
    /** Names the property, which the binder alone would not always spell as it is configured. */
    static final String PASSWORD_REQUIRED =
            "inkan.ca.keystore-password must be set (INKAN_CA_KEYSTORE_PASSWORD): it protects the CA keys and"
                    + " has no default";

    @Override
    public String toString() {
        // Never print the password, whatever logs the properties.
        return "CaProperties[keystore=" + keystore + ", keyAlgorithm=" + keyAlgorithm + ", issuingAlias=" + issuingAlias
                + ", rootAlias=" + rootAlias + "]";
    }
}
