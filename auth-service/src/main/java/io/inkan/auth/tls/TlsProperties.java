package io.inkan.auth.tls;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.auth.*} for the mutual-TLS port of certificate logon (docs/contract.md §3).
 *
 * @param tlsPort the port; 0 picks a free one (tests), which {@link TlsEndpoint} then tells
 * @param tls the server key of that port; unset, a self-signed one from the key vault, shared by every instance
 * @param trustedFrontends SHA-256 fingerprints (hex, any case, colons allowed) of the client
 *     certificates of the front ends that may vouch for a customer's certificate in {@code Client-Cert}
 */
@Validated
@ConfigurationProperties("inkan.auth")
record TlsProperties(
        @DefaultValue("8443") @Min(0) @Max(65535) int tlsPort,
        @DefaultValue @NotNull Tls tls,
        @DefaultValue @NotNull List<String> trustedFrontends) {

    /**
     * @param keystore a PKCS#12 file holding the port's server key and certificate chain
     * @param keystorePassword protects that file
     */
    record Tls(Path keystore, String keystorePassword) {
        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + "]";
        }
    }

    TlsProperties {
        for (String fingerprint : trustedFrontends) {
            if (!normalise(fingerprint).matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(
                        "inkan.auth.trusted-frontends holds '" + fingerprint + "', not a SHA-256 fingerprint in hex");
            }
        }
    }

    /** The listed front ends' fingerprints as lowercase hex without separators. */
    Set<String> trustedFrontendFingerprints() {
        return trustedFrontends.stream().map(TlsProperties::normalise).collect(Collectors.toUnmodifiableSet());
    }

    static String normalise(String fingerprint) {
        return fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
    }
}
