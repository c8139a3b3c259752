package io.inkan.issuance.certificate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read access to issued certificates, for the status API, the CRL and OCSP. */
@Service
public class CertificateQueries {
    private final CertificateRepository certificates;

    CertificateQueries(CertificateRepository certificates) {
        this.certificates = certificates;
    }

    /** A certificate by serial number (lowercase hex); empty for one this CA never issued. */
    @Transactional(readOnly = true)
    public Optional<CertificateRecord> find(String serialNumber) {
        return certificates.find(serialNumber).map(CertificateQueries::record);
    }

    /**
     * The revoked certificates of one CA that have not expired yet, in the order they were revoked: what its CRL
     * lists. Only the entries' three facts are read (a CRL is signed again in every revoking transaction).
     */
    public List<RevokedCertificate> revokedUnexpired(String issuerKeyId, Instant now) {
        return certificates.revokedUnexpired(issuerKeyId, now);
    }

    private static CertificateRecord record(StoredCertificate c) {
        return new CertificateRecord(
                c.serialNumber(),
                c.contractId(),
                c.userId(),
                c.status(),
                c.notBefore(),
                c.notAfter(),
                c.revokedAt(),
                c.revocationReason(),
                c.pem(),
                c.issuerKeyId());
    }
}
