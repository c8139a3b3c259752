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
 * @param keystorePassword the keystore's password, from the environment in production; a local-only default applies
 *     to the generated keystore
 * @param keyAlgorithm the key types of a generated CA
 * @param issuingAlias the keystore entry of the issuing CA (private key and chain)
 * @param rootAlias the root's certificate entry, used when the issuing entry's chain ends before the root
 */
@Validated
@ConfigurationProperties("inkan.ca")
record CaProperties(
        Path keystore,
        String keystorePassword,
        @DefaultValue("EC") @NotNull CaKeyAlgorithm keyAlgorithm,
        @DefaultValue("issuing") @NotBlank String issuingAlias,
        @DefaultValue("root") @NotBlank String rootAlias) {

    @Override
    public String toString() {
        // Never print the password, whatever logs the properties.
        return "CaProperties[keystore=" + keystore + ", keyAlgorithm=" + keyAlgorithm + ", issuingAlias=" + issuingAlias
                + ", rootAlias=" + rootAlias + "]";
    }
}
