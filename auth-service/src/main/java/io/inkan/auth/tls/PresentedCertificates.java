package io.inkan.auth.tls;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which customer's certificate a request proves (docs/contract.md §4, certificate logon): only a certificate
 * seen in a TLS handshake on the mutual-TLS port counts. Either the TLS client's own certificate (the
 * customer's PC talks to auth-service directly), or, when the TLS client is a front end listed in
 * {@code inkan.auth.trusted-frontends}, the certificate it passes in its RFC 9440 {@code Client-Cert}
 * header, having checked the customer's key in its own handshake. Nothing else: a {@code Client-Cert}
 * header from any other caller, or over plain HTTP, proves nothing and yields none.
 *
 * <p>Why a request yields none is logged here and never told to the caller.
 */
@Component
public class PresentedCertificates {
    /** RFC 9440: the client certificate as a structured-field byte sequence, {@code :<base64 DER>:}. */
    public static final String CLIENT_CERT_HEADER = "Client-Cert";

    private static final Logger log = LoggerFactory.getLogger(PresentedCertificates.class);
    /** Where the servlet container puts the chain the TLS client presented (Servlet spec). */
    private static final String PEER_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final TlsEndpoint endpoint;
    private final Set<String> trustedFrontends;

    PresentedCertificates(TlsEndpoint endpoint, TlsProperties properties) {
        this.endpoint = endpoint;
        this.trustedFrontends = properties.trustedFrontendFingerprints();
    }

    /** The customer certificate this request proves, if any. */
    public Optional<X509Certificate> customerCertificate(HttpServletRequest request) {
        List<String> vouched = Collections.list(request.getHeaders(CLIENT_CERT_HEADER));
        X509Certificate tlsClient = tlsClientCertificate(request);
        if (tlsClient == null) {
            if (!vouched.isEmpty()) {
                log.warn(
                        "Security: a {} header came without a TLS client certificate (plain HTTP, or TLS without"
                                + " one); it proves nothing",
                        CLIENT_CERT_HEADER);
            }
            return Optional.empty();
        }
        String clientFingerprint = sha256(tlsClient);
        if (!trustedFrontends.contains(clientFingerprint)) {
            if (!vouched.isEmpty()) {
                log.warn(
                        "Security: a TLS client not listed in inkan.auth.trusted-frontends (SHA-256 {}) sent a {}"
                                + " header; refused",
                        clientFingerprint,
                        CLIENT_CERT_HEADER);
                return Optional.empty();
            }
            return Optional.of(tlsClient);
        }
        if (vouched.size() != 1) {
            log.info(
                    "Front end {} sent {} {} headers where one is needed; refused",
                    clientFingerprint,
                    vouched.size(),
                    CLIENT_CERT_HEADER);
            return Optional.empty();
        }
        Optional<X509Certificate> customer = parseClientCert(vouched.getFirst());
        if (customer.isEmpty()) {
            log.info("Front end {} sent a {} header that is no certificate", clientFingerprint, CLIENT_CERT_HEADER);
        }
        return customer;
    }

    /** The TLS client's own certificate, only for a request that came in on the mutual-TLS port. */
    private X509Certificate tlsClientCertificate(HttpServletRequest request) {
        if (!endpoint.received(request.getLocalPort())
                || !(request.getAttribute(PEER_CERTIFICATES) instanceof X509Certificate[] chain)
                || chain.length == 0) {
            return null;
        }
        return chain[0];
    }

    /** RFC 8941 §3.3.5 byte sequence: a colon, standard base64 (padding allowed), a colon. */
    static Optional<X509Certificate> parseClientCert(String header) {
        String value = header.strip();
        if (value.length() < 3 || value.charAt(0) != ':' || value.charAt(value.length() - 1) != ':') {
            return Optional.empty();
        }
        try {
            byte[] der = Base64.getDecoder().decode(value.substring(1, value.length() - 1));
            return Optional.of((X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            return Optional.empty();
        }
    }

    static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }
}
