package io.inkan.auth.keys;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private key and its certificate as auth-service keeps them in its key vault (the sealing key, the mutual-TLS
 * server key): the PKCS#8 key and the X.509 certificate, as two PEM blocks. The vault wraps the whole entry, so
 * the PEM itself needs no password.
 */
public record KeyWithCertificate(PrivateKey privateKey, X509Certificate certificate) {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    /** The vault's form of this pair. */
    public byte[] encoded() {
        try {
            return (pem("PRIVATE KEY", privateKey.getEncoded()) + pem("CERTIFICATE", certificate.getEncoded()))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
    }

    /** Reads what {@link #encoded()} wrote; the key's algorithm is the certificate's. */
    public static KeyWithCertificate decode(byte[] encoded) {
        byte[] key = null;
        byte[] certificate = null;
        Matcher block = BLOCK.matcher(new String(encoded, StandardCharsets.US_ASCII));
        while (block.find()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (block.group(1)) {
                case "PRIVATE KEY" -> key = der;
                case "CERTIFICATE" -> certificate = der;
                default -> {}
            }
        }
        if (key == null || certificate == null) {
            throw new IllegalStateException("a stored key lacks its private key or its certificate");
        }
        try {
            X509Certificate x509 = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificate));
            PrivateKey privateKey = KeyFactory.getInstance(x509.getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(key));
            return new KeyWithCertificate(privateKey, x509);
        } catch (GeneralSecurityException e) {
            // never the key's bytes in a message
            throw new IllegalStateException("a stored key does not read as PKCS#8 and X.509: "
                    + e.getClass().getSimpleName());
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public String toString() {
        return "KeyWithCertificate[" + certificate.getSubjectX500Principal() + "]"; // never the private key
    }
}
