package io.inkan.issuance.certificate;

import io.inkan.issuance.authority.IssuingCas;
import io.inkan.issuance.authority.Signer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Certificates stored before the service recorded which CA signed each (there was one CA then) get their signer
 * recorded at start-up, found by the signature each carries, so that each CA's CRL and OCSP answers cover exactly its
 * own certificates. One whose signer is not among the known CAs stays unrecorded and is named in the log: its CA must
 * be configured as retired (inkan.ca.retired) for its revocation to be published.
 */
@Component
class CertificateIssuers implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(CertificateIssuers.class);
    private static final int BATCH = 500;

    private final CertificateRepository certificates;
    private final IssuingCas cas;

    CertificateIssuers(CertificateRepository certificates, IssuingCas cas) {
        this.certificates = certificates;
        this.cas = cas;
    }

    @Override
    public void afterPropertiesSet() {
        List<Signer> known = cas.all();
        String after = "";
        int recorded = 0;
        while (true) {
            List<String[]> batch = certificates.withoutIssuer(after, BATCH);
            for (String[] row : batch) {
                String signer = signerOf(row[1], known);
                if (signer == null) {
                    log.warn(
                            "Certificate {} was signed by none of the CAs this service knows: configure its CA in"
                                    + " inkan.ca.retired until the certificate expires, or its revocation is not"
                                    + " published",
                            row[0]);
                } else {
                    certificates.recordIssuer(row[0], signer);
                    recorded++;
                }
                after = row[0];
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        if (recorded > 0) {
            log.info("Recorded the signing CA of {} certificates stored before it was recorded", recorded);
        }
    }

    private static String signerOf(String pem, List<Signer> known) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
        for (Signer ca : known) {
            try {
                certificate.verify(ca.issuingCertificate().getPublicKey());
                return ca.keyId();
            } catch (GeneralSecurityException e) {
                // another CA's
            }
        }
        return null;
    }
}
