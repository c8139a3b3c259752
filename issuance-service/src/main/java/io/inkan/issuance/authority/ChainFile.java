package io.inkan.issuance.authority;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** {@code inkan.ca.chain}: the PEM file that completes a chain the token does not hold (issuing CA, then root). */
final class ChainFile {
    private ChainFile() {}

    /** The root of {@code issuing}: the file's last certificate other than the issuing CA's own. */
    static X509Certificate root(Path file, X509Certificate issuing) {
        String source = "the chain file " + file + " (inkan.ca.chain)";
        if (!Files.isReadable(file)) {
            throw CaCheck.refused(source, "the file does not exist or cannot be read");
        }
        List<X509Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .filter(certificate -> !certificate.equals(issuing))
                    .toList();
        } catch (IOException | CertificateException e) {
            throw CaCheck.refused(source, "it cannot be read as PEM certificates (" + e.getMessage() + ")");
        }
        if (certificates.isEmpty()) {
            throw CaCheck.refused(source, "it holds no certificate besides the issuing CA's: the root is missing");
        }
        return certificates.getLast();
    }
}
