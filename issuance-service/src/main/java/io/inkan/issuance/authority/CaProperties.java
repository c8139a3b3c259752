package io.inkan.issuance.authority;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.ca.*}: where the CA keys are. One of three places, the same for every instance of the service: the
 * service's database (the default: generated once, wrapped by {@code inkan.keys.encryption-key}), a PKCS#12 keystore
 * the bank made ({@code keystore}), or a PKCS#11 token ({@code pkcs11.key-label}).
 *
 * @param keystore a PKCS#12 keystore made outside, which every instance must be able to read
 * @param keystorePassword the keystore's password; required with {@code keystore} and only then (it has no default:
 *     one would protect every bank's CA key with a published word)
 * @param keyAlgorithm the key types of a CA generated into the database
 * @param issuingAlias the keystore entry of the issuing CA (private key and chain)
 * @param rootAlias the root's certificate entry, used when the issuing entry's chain ends before the root
 * @param chain a PEM file with the issuing CA's certificate and the root's (or the root's alone), for a token or
 *     keystore that holds only the issuing certificate
 * @param pkcs11 the token that holds the issuing key
 * @param retired the issuing CAs rolled away from, newest first: each keeps signing the CRL and OCSP answers of the
 *     certificates it issued until its own certificate expires; keep each listed until then
 */
@Validated
@ConfigurationProperties("inkan.ca")
record CaProperties(
        Path keystore,
        String keystorePassword,
        @DefaultValue("EC") @NotNull CaKeyAlgorithm keyAlgorithm,
        @DefaultValue("issuing") @NotBlank String issuingAlias,
        @DefaultValue("root") @NotBlank String rootAlias,
        Path chain,
        @DefaultValue Pkcs11 pkcs11,
        List<Retired> retired) {
    CaProperties {
        retired = retired == null ? List.of() : List.copyOf(retired);
    }

    /** Names the property, which the binder alone would not always spell as it is configured. */
    static final String PASSWORD_REQUIRED = "inkan.ca.keystore is set, so inkan.ca.keystore-password must be set"
            + " (INKAN_CA_KEYSTORE_PASSWORD): it protects the CA keys and has no default";

    /**
     * {@code inkan.ca.pkcs11.*}: the issuing key on a PKCS#11 token, used through the JDK's SunPKCS11 provider. The
     * key never leaves the token. SunPKCS11 chooses a token by slot, so the token is named by its slot ID or its index
     * in the slot list.
     *
     * @param library the PKCS#11 module
     * @param slot the token's slot ID (e.g. from {@code softhsm2-util --show-slots})
     * @param slotListIndex the token's index in the list of slots, when {@code slot} is not given (default 0)
     * @param pin the user PIN; required with {@code keyLabel}
     * @param keyLabel the label of the issuing key and its certificate on the token; required with any other setting here
     * @param tokenLabel refused when set: SunPKCS11 cannot choose a token by its label, and silently taking the first
     *     slot instead could sign with another token's key of the same label
     */
    record Pkcs11(
            @DefaultValue("/usr/lib/softhsm/libsofthsm2.so") Path library,
            Long slot,
            Integer slotListIndex,
            String pin,
            String keyLabel,
            String tokenLabel) {
        /**
         * Any token setting chooses the token, so that a forgotten key label stops the start instead of falling back to
         * a CA generated in the database.
         */
        boolean configured() {
            return set(keyLabel) || set(pin) || set(tokenLabel) || slot != null || slotListIndex != null;
        }

        private static boolean set(String value) {
            return value != null && !value.isBlank();
        }

        @Override
        public String toString() {
            // Never print the PIN, whatever logs the properties.
            return "Pkcs11[library=" + library + ", slot=" + slot + ", slotListIndex=" + slotListIndex + ", keyLabel="
                    + keyLabel + ", tokenLabel=" + tokenLabel + "]";
        }
    }

    /**
     * {@code inkan.ca.retired[n].*}: an issuing CA the service no longer issues with, in a PKCS#12 keystore
     * ({@code keystore}, {@code keystore-password}, {@code issuing-alias}, {@code root-alias}) or on the token of
     * {@code inkan.ca.pkcs11} ({@code key-label}, and {@code chain} when the token lacks its root).
     */
    record Retired(
            Path keystore,
            String keystorePassword,
            @DefaultValue("issuing") String issuingAlias,
            @DefaultValue("root") String rootAlias,
            String keyLabel,
            Path chain) {
        @Override
        public String toString() {
            // Never print the password, whatever logs the properties.
            return "Retired[keystore=" + keystore + ", issuingAlias=" + issuingAlias + ", rootAlias=" + rootAlias
                    + ", keyLabel=" + keyLabel + ", chain=" + chain + "]";
        }
    }

    @Override
    public String toString() {
        // Never print the password, whatever logs the properties.
        return "CaProperties[keystore=" + keystore + ", keyAlgorithm=" + keyAlgorithm + ", issuingAlias=" + issuingAlias
                + ", rootAlias=" + rootAlias + ", chain=" + chain + ", pkcs11=" + pkcs11 + ", retired=" + retired
                + "]";
    }
}
