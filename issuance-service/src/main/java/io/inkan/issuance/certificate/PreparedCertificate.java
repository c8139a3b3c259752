package io.inkan.issuance.certificate;

import io.inkan.events.RequestKind;
import io.inkan.issuance.authority.Signer;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * A certificate built from the profile and not yet signed (Boulder's issuance token), with what the audit line says
 * about it: the end of the issuance cycle's first half (decide and prepare, steps 1–4). Only {@link Issuer#prepare}
 * makes one, and {@link Issuer#issue} signs it once: its serial number was reserved for one signature.
 */
public final class PreparedCertificate {
    final String requestId;
    final String contractId;
    final String userId;
    final RequestKind kind;
    final BigInteger serial;
    final X500Principal subject;
    final CheckedCsr csr;
    final Instant notBefore;
    final Instant notAfter;
    final X509Certificate issuer;
    /** The CA that signs it: the one current when it was prepared. */
    final Signer signer;

    final X509v3CertificateBuilder template;
    private final AtomicBoolean signed = new AtomicBoolean();

    PreparedCertificate(
            String requestId,
            String contractId,
            String userId,
            RequestKind kind,
            BigInteger serial,
            X500Principal subject,
            CheckedCsr csr,
            Instant notBefore,
            Instant notAfter,
            Signer signer,
            X509v3CertificateBuilder template) {
        this.requestId = requestId;
        this.contractId = contractId;
        this.userId = userId;
        this.kind = kind;
        this.serial = serial;
        this.subject = subject;
        this.csr = csr;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.issuer = signer.issuingCertificate();
        this.signer = signer;
        this.template = template;
    }

    /** Claims the one signature this certificate gets; false when it was signed before. */
    boolean claimSignature() {
        return signed.compareAndSet(false, true);
    }

    /** The serial number in its wire form, lowercase hex. */
    public String serialNumber() {
        return SerialNumbers.hex(serial);
    }

    @Override
    public String toString() {
        return "PreparedCertificate[serial=" + serialNumber() + ", subject=" + subject.getName() + "]";
    }
}
