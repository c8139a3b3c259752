package io.inkan.auth.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * The mutual-TLS port's trust manager: accepts a client certificate from any issuer. This does not
 * weaken the handshake: whatever this class says, the TLS handshake verifies the client's
 * CertificateVerify signature with the certificate's public key, so a client that completes it holds
 * that certificate's private key. What the application then trusts is decided by an exact SHA-256
 * match, not by a chain: a customer's certificate as issuance-service issued it (auth-service knows
 * each one from {@code CertificateIssued}), or a front end listed in {@code inkan.auth.trusted-frontends}.
 * Checking a chain here would add nothing but a second, weaker rule.
 *
 * <p>Public with a public no-argument constructor because Tomcat instantiates it by class name
 * ({@code SSLHostConfig.setTrustManagerClassName}).
 */
public final class AnyClientCertificate implements X509TrustManager {
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    public AnyClientCertificate() {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no client certificate");
        }
    }

    /** This port is a server; it never judges a server's certificate. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the certificate logon port does not act as a TLS client");
    }

    /** None named: the client may send whichever certificate it holds (an empty list means any CA). */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
