package io.inkan.auth.request;

import java.io.IOException;
import java.io.StringReader;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * auth-service only checks that a CSR is a readable PKCS#10 request; the signature, the key policy and
 * key reuse are issuance-service's checks (docs/contract.md §5).
 */
final class CsrCheck {
    private CsrCheck() {}

    static boolean readable(String csrPem) {
        return parse(csrPem) != null;
    }

    /** The CSR, or null when it is not one readable PKCS#10 request in PEM. */
    static PKCS10CertificationRequest parse(String csrPem) {
        if (csrPem == null || csrPem.isBlank() || csrPem.length() > 64 * 1024) {
            return null;
        }
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            Object first = parser.readObject();
            if (!(first instanceof PKCS10CertificationRequest csr)) {
                return null;
            }
            return csr.getSubjectPublicKeyInfo() != null && parser.readObject() == null ? csr : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
