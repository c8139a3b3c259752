package io.inkan.issuance.authority;

import io.inkan.events.Span;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * What every CA source must pass before the service signs with it, wherever the key lives (database, PKCS#12,
 * PKCS#11): the key belongs to the issuing certificate, which is a CA, valid now and long enough, and signed by the
 * root. Every refusal names the source and says what is wrong in words an operator can act on; none prints a key, a
 * password or a PIN.
 */
final class CaCheck {
    private static final byte[] PROBE = "inkan issuing CA key check".getBytes(StandardCharsets.US_ASCII);

    private CaCheck() {}

    /**
     * @param source how an operator knows the CA's place, e.g. "the CA keystore /etc/inkan/ca.p12"
     * @param provider the provider that holds the key (a token's), or null for the JDK's default choice
     */
    static void check(
            String source,
            PrivateKey key,
            Provider provider,
            X509Certificate issuing,
            X509Certificate root,
            Span certificateValidity,
            Instant now) {
        if (!keyMatches(key, provider, issuing)) {
            throw refused(
                    source,
                    "the private key does not belong to the issuing certificate "
                            + issuing.getSubjectX500Principal().getName());
        }
        boolean[] usage = issuing.getKeyUsage();
        if (issuing.getBasicConstraints() < 0 || (usage != null && !usage[5])) {
            throw refused(
                    source,
                    "the issuing certificate "
                            + issuing.getSubjectX500Principal().getName()
                            + " is not a CA certificate (basicConstraints CA:TRUE and keyCertSign are required)");
        }
        if (now.isBefore(issuing.getNotBefore().toInstant())) {
            throw refused(
                    source,
                    "the issuing certificate is not valid before "
                            + issuing.getNotBefore().toInstant());
        }
        Instant lastNotAfter = certificateValidity.addTo(now);
        if (issuing.getNotAfter().toInstant().isBefore(lastNotAfter)) {
            throw refused(
                    source,
                    "the issuing certificate expires at "
                            + issuing.getNotAfter().toInstant()
                            + ", before a certificate issued today would (" + lastNotAfter
                            + ", inkan.certificate.validity="
                            + certificateValidity + ")");
        }
        try {
            issuing.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw refused(
                    source,
                    "the issuing certificate is not signed by the root "
                            + root.getSubjectX500Principal().getName());
        }
    }

    /**
     * What a retired CA must pass: it signs no new certificate, so only that its key belongs to its certificate, which is
     * a CA signed by its root.
     */
    static void checkRetired(
            String source, PrivateKey key, Provider provider, X509Certificate issuing, X509Certificate root) {
        if (!keyMatches(key, provider, issuing)) {
            throw refused(
                    source,
                    "the private key does not belong to the retired issuing certificate "
                            + issuing.getSubjectX500Principal().getName());
        }
        if (issuing.getBasicConstraints() < 0) {
            throw refused(
                    source,
                    "the retired issuing certificate "
                            + issuing.getSubjectX500Principal().getName() + " is not a CA certificate");
        }
        try {
            issuing.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw refused(
                    source,
                    "the retired issuing certificate is not signed by the root "
                            + root.getSubjectX500Principal().getName());
        }
    }

    /** Signs a probe with the key (on its token, if it has one) and verifies it with the certificate. */
    static boolean keyMatches(PrivateKey key, Provider provider, X509Certificate certificate) {
        try {
            String algorithm = SignatureAlgorithms.forKey(certificate.getPublicKey());
            Signature signing =
                    provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
            signing.initSign(key);
            signing.update(PROBE);
            byte[] signature = signing.sign();
            Signature verifying = Signature.getInstance(algorithm);
            verifying.initVerify(certificate.getPublicKey());
            verifying.update(PROBE);
            return verifying.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static IllegalStateException refused(String source, String why) {
        return new IllegalStateException("Refusing to start: " + source + " is unusable: " + why);
    }
}
