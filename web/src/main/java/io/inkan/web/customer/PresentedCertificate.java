package io.inkan.web.customer;

import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The certificate the customer's browser presented in the TLS handshake with this front end's HTTPS port, which
 * proved the browser holds its key and that it chains to Inkan's CA. Nothing else counts as the customer's
 * certificate: plain HTTP carries none.
 */
final class PresentedCertificate {
    /** Where the servlet container puts the chain the TLS client presented (Servlet spec). */
    private static final String PEER_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private PresentedCertificate() {}

    static Optional<X509Certificate> of(HttpServletRequest request) {
        if (request.isSecure()
                && request.getAttribute(PEER_CERTIFICATES) instanceof X509Certificate[] chain
                && chain.length > 0) {
            return Optional.of(chain[0]);
        }
        return Optional.empty();
    }

    /** Whether this request presents the certificate of that fingerprint (the one a session is bound to). */
    static boolean matches(HttpServletRequest request, String fingerprint) {
        return fingerprint != null
                && of(request)
                        .map(PresentedCertificate::sha256)
                        .filter(fingerprint::equals)
                        .isPresent();
    }

    static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /** What the logon screen shows of it, so the customer sees which certificate the browser chose. */
    static Map<String, String> shown(X509Certificate certificate) {
        return Map.of(
                "commonName",
                IssuedCertificate.subject(certificate.getSubjectX500Principal().getName())
                        .getOrDefault("CN", ""),
                "serialNumber",
                certificate.getSerialNumber().toString(16),
                "notAfter",
                IssuedCertificate.japanTime(certificate.getNotAfter().toInstant()));
    }
}
