package io.inkan.issuance.certificate;

import io.inkan.events.RequestKind;
import io.inkan.issuance.authority.IssuingCas;
import io.inkan.issuance.authority.Signer;
import io.inkan.issuance.policy.CertificateProperties;
import io.inkan.issuance.policy.IssuanceProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA's certificate work without the database, after Boulder's {@code issuance.Issuer}: {@link #check} a CSR
 * (step 2 without the key history), {@link #prepare} the certificate from the profile (step 4), then {@link #issue}
 * it (steps 5–7: audit "signing", sign, parse and verify what was signed). {@link IssuanceCycle} wraps it with what
 * needs the database (the right to issue, KEY_REUSED, the serial's reservation, persisting, publishing); the
 * benchmarks call it as it is.
 */
public final class Issuer {
    private static final Logger audit = LoggerFactory.getLogger("io.inkan.issuance.audit");

    private final IssuingCas cas;
    private final CsrPolicy csrPolicy = new CsrPolicy();
    private final CertificateProfile profile;

    /** An issuer with one CA, which never rolls (the benchmarks'). */
    public Issuer(Signer signer, CertificateProperties certificate, IssuanceProperties issuance) {
        this(IssuingCas.fixed(signer, List.of(), Clock.systemUTC()), certificate, issuance);
    }

    /** An issuer that signs with whichever CA is current when a certificate is prepared. */
    Issuer(IssuingCas cas, CertificateProperties certificate, IssuanceProperties issuance) {
        this.cas = cas;
        this.profile = new CertificateProfile(certificate, issuance);
    }

    /** Step 2, the part without the database: the CSR parses, its key is one we certify, and that key signed it. */
    public CheckedCsr check(String csrPem) throws CsrRejected {
        return csrPolicy.check(csrPem);
    }

    /** The subject the profile gives a user's certificate (never the CSR's). */
    X500Principal subject(String contractId, String userId) {
        return profile.subject(contractId, userId);
    }

    /**
     * Step 4: the certificate for the checked CSR's key as the profile says, valid from {@code now} (to the second),
     * with the serial number reserved for it (step 3). Nothing is signed yet.
     */
    public PreparedCertificate prepare(
            String requestId,
            String contractId,
            String userId,
            RequestKind kind,
            CheckedCsr csr,
            BigInteger serial,
            Instant now) {
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        X500Principal subject = profile.subject(contractId, userId);
        // The CA is chosen once, here: the certificate is built for it and signed by it, even if the CA rolls between.
        Signer signer = cas.current();
        X509Certificate issuer = signer.issuingCertificate();
        return new PreparedCertificate(
                requestId,
                contractId,
                userId,
                kind,
                serial,
                subject,
                csr,
                notBefore,
                profile.notAfter(notBefore),
                signer,
                profile.template(issuer, cas.crlPath(signer), serial, subject, csr.publicKey(), notBefore));
    }

    /**
     * Steps 5–7: audit-log the signing, sign with the issuing CA, then parse and verify the result before anyone sees
     * it.
     *
     * @throws IllegalStateException when the certificate was signed before, or what was signed is not what was built
     */
    public X509Certificate issue(PreparedCertificate certificate) {
        if (!certificate.claimSignature()) {
            throw new IllegalStateException(certificate + " was signed before: one serial, one signature");
        }
        // 5. Audit-log the signing (what is signed, never key material).
        audit.info(
                "signing certificate serial={} request={} contract={} user={} kind={} subject=\"{}\" notBefore={}"
                        + " notAfter={} spkiSha256={}",
                certificate.serialNumber(),
                certificate.requestId,
                certificate.contractId,
                certificate.userId,
                certificate.kind,
                certificate.subject.getName(),
                certificate.notBefore,
                certificate.notAfter,
                certificate.csr.spkiSha256());

        // 6. Sign.
        X509CertificateHolder signed = certificate.template.build(certificate.signer.contentSigner());

        // 7. Parse and verify the result.
        return parseAndVerify(signed, certificate.serial, certificate.subject, certificate.csr, certificate.issuer);
    }

    /** The issuing CA's certificate, then the root's: the chain CertificateIssued carries. */
    static List<X509Certificate> chain(PreparedCertificate certificate) {
        return certificate.signer.chain();
    }

    /** Step 7: what was signed parses, verifies under the issuing CA, and is exactly what was built. */
    static X509Certificate parseAndVerify(
            X509CertificateHolder signed,
            BigInteger serial,
            X500Principal subject,
            CheckedCsr csr,
            X509Certificate issuer) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(signed.getEncoded()));
            Provider fastest = SignatureChecks.forKey(issuer.getPublicKey());
            if (fastest == null) {
                certificate.verify(issuer.getPublicKey());
            } else {
                certificate.verify(issuer.getPublicKey(), fastest);
            }
            boolean right = certificate.getSerialNumber().equals(serial)
                    && certificate.getSubjectX500Principal().equals(subject)
                    && new X509CertificateHolder(certificate.getEncoded())
                            .getSubjectPublicKeyInfo()
                            .equals(csr.publicKey())
                    && !certificate.getNotAfter().after(issuer.getNotAfter())
                    && certificate.getBasicConstraints() < 0;
            if (!right) {
                throw new IllegalStateException("the signed certificate " + serial.toString(16)
                        + " does not match what was built; nothing is published");
            }
            return certificate;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the signed certificate " + serial.toString(16) + " does not verify", e);
        }
    }
}
