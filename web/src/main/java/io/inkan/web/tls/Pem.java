package io.inkan.web.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/** Reads the key stores and PEM certificates the front end's two TLS roles are configured with. */
public final class Pem {
    private Pem() {}

    /** The X.509 certificates of a PEM at a Spring resource location ({@code file:}, {@code http:}, …). */
    public static List<X509Certificate> certificates(String location) {
        Resource resource = new DefaultResourceLoader().getResource(location);
        try (InputStream in = resource.getInputStream()) {
            Collection<? extends Certificate> read =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> certificates = read.stream()
                    .filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast)
                    .toList();
            if (certificates.isEmpty()) {
                throw new IllegalStateException("No certificate in " + location);
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the certificates of " + location + ": " + e.getMessage(), e);
        }
    }

    /** A key store of trusted certificates, one entry each. */
    public static KeyStore trustStore(List<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a trust store: " + e.getMessage(), e);
        }
    }

    /** A PKCS#12 file, opened with its password. */
    public static KeyStore pkcs12(Path file, String password, String property) {
        if (password == null) {
            throw new IllegalStateException(property + " is set, so " + property + "-password must be set too");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot open " + property + " " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
