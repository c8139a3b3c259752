package io.inkan.web;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the front end finds Inkan, how long one call of the 処理中 screen waits for an outcome, and what certificate
 * logon needs (docs/contract.md §4: this front end is a <em>trusted front end</em> of auth-service).
 *
 * @param authUrl auth-service's base URL ({@code inkan.web.auth-url})
 * @param adminUrl admin-service's base URL ({@code inkan.web.admin-url})
 * @param outcomeWait the {@code ?wait=} of one outcome call (at most auth-service's PT30S)
 * @param tlsPort the HTTPS port where customers log on with their certificate ({@code inkan.web.tls-port}, 8444; 0
 *     picks a free one)
 * @param tls that port's server key; unset, there is no HTTPS port and no certificate logon
 * @param clientCa where the CA certificates a customer's certificate must chain to are read at start (a PEM; a
 *     Spring resource location such as {@code http://127.0.0.1:8083/ca/chain.pem} or {@code file:ca.pem})
 * @param clientKeystore this front end's own client certificate and key (PKCS#12), the one whose SHA-256 fingerprint
 *     auth-service lists in {@code inkan.auth.trusted-frontends}
 * @param clientKeystorePassword protects that file
 * @param authTlsUrl auth-service's mutual-TLS port ({@code inkan.web.auth-tls-url})
 * @param authTlsTrust the PEM certificate(s) auth-service's TLS port is trusted by (its self-signed one in the local
 *     stack); unset, the JVM's trusted CAs
 */
@ConfigurationProperties("inkan.web")
public record WebProperties(
        URI authUrl,
        URI adminUrl,
        Duration outcomeWait,
        Integer tlsPort,
        Tls tls,
        String clientCa,
        Path clientKeystore,
        String clientKeystorePassword,
        URI authTlsUrl,
        String authTlsTrust) {

    /**
     * @param keystore a PKCS#12 file with the HTTPS port's server key and certificate
     * @param keystorePassword protects that file
     */
    public record Tls(Path keystore, String keystorePassword) {
        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + "]";
        }
    }

    public WebProperties {
        if (authUrl == null || adminUrl == null) {
            throw new IllegalStateException("inkan.web.auth-url and inkan.web.admin-url must be set");
        }
        if (outcomeWait == null) {
            outcomeWait = Duration.ofSeconds(10);
        }
        if (tlsPort == null) {
            tlsPort = 8444;
        }
        if (tls == null) {
            tls = new Tls(null, null);
        }
        if (authTlsUrl == null) {
            authTlsUrl = URI.create("https://127.0.0.1:8443");
        }
    }

    /** Whether certificate logon is set up: an HTTPS port to present the certificate on, and a client certificate. */
    public boolean certificateLogon() {
        return tls.keystore() != null && clientKeystore() != null;
    }

    @Override
    public String toString() {
        return "WebProperties[authUrl=" + authUrl + ", adminUrl=" + adminUrl + ", tlsPort=" + tlsPort + ", tls=" + tls
                + ", clientCa=" + clientCa + ", clientKeystore=" + clientKeystore + ", authTlsUrl=" + authTlsUrl
                + "]";
    }
}
