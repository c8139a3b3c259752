package io.inkan.issuance.certificate;

import io.inkan.issuance.authority.Signer;
import io.inkan.issuance.policy.CertificateProperties;
import io.inkan.issuance.policy.IssuanceProperties;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * The CPU part of {@link IssuanceCycle}'s issue step, for the benchmarks: the service's own {@link CsrPolicy} and
 * {@link CertificateProfile}, its {@link Signer}, and {@link IssuanceCycle#parseAndVerify} itself. What needs the
 * database or Kafka is left out or stubbed, so that what is measured is the work the service adds to the crypto:
 *
 * <ul>
 *   <li>step 1 (the right to issue) and step 8/9 (persist, publish): left out;
 *   <li>step 2 KEY_REUSED: an in-memory set of SPKI fingerprints stands for the indexed lookup;
 *   <li>step 3: the random 128-bit serial is drawn exactly as {@link SerialNumbers} draws it, but not reserved in the
 *       database;
 *   <li>step 5 (the audit log line): left out, its cost depends on the appender.
 * </ul>
 *
 * Lives in the service's package (in the benchmarks module) because those classes are package-private.
 */
public final class ProfileIssuance {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CsrPolicy csrPolicy = new CsrPolicy();
    private final CertificateProfile profile;
    private final Signer signer;
    private final Set<String> certifiedKeys;

    /**
     * @param certifiedKeys SPKI SHA-256 fingerprints of keys certified before (stands for the database's index)
     */
    public ProfileIssuance(
            CertificateProperties certificate, IssuanceProperties issuance, Signer signer, Set<String> certifiedKeys) {
        this.profile = new CertificateProfile(certificate, issuance);
        this.signer = signer;
        this.certifiedKeys = certifiedKeys;
    }

    /** Steps 2, 3, 4, 6 and 7 for one CSR; returns the signed, parsed and verified certificate. */
    public X509Certificate issue(String csrPem, String contractId, String userId, Instant now) {
        // 2. Check the CSR: it parses, its signature verifies, its key is acceptable and was never certified.
        CheckedCsr csr;
        try {
            csr = csrPolicy.check(csrPem);
        } catch (CsrRejected e) {
            throw new IllegalArgumentException(e.reason() + ": " + e.getMessage());
        }
        if (certifiedKeys.contains(csr.spkiSha256())) {
            throw new IllegalArgumentException("KEY_REUSED: this public key was certified before");
        }

        // 3. A random serial number (as SerialNumbers.reserve draws it; the database reservation is left out).
        BigInteger serial = randomSerial();

        // 4. Build the certificate from the profile.
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        X500Principal subject = profile.subject(contractId, userId);
        X509Certificate issuer = signer.issuingCertificate();
        X509v3CertificateBuilder template = profile.template(issuer, serial, subject, csr.publicKey(), notBefore);

        // 6. Sign.
        X509CertificateHolder signed = template.build(signer.contentSigner());

        // 7. Parse and verify the result before anyone sees it.
        return IssuanceCycle.parseAndVerify(signed, serial, subject, csr, issuer);
    }

    private static BigInteger randomSerial() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }
}
