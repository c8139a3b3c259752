package io.inkan.benchmarks;

import io.inkan.issuance.authority.CaKeyAlgorithm;
import io.inkan.issuance.authority.Signer;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The benchmark's issuing CA, behind issuance-service's {@link Signer} port: a key of the kind the service generates
 * (EC P-256, or RSA 3072) in a CA certificate like its own (basicConstraints CA, keyCertSign, SKI), signing with the
 * algorithm production uses for that key, one fresh content signer per signature as {@code KeystoreSigner} does.
 * Where the key comes from (a keystore, the database, an HSM) is set-up, not what is measured; the service's signer
 * back ends need a keystore file, a database or a token, so the benchmark keeps its key in memory.
 *
 * @param issuingKey the private key, for the bare BouncyCastle baselines too
 * @param signatureAlgorithm SHA256withECDSA for P-256, SHA256withRSA for RSA
 */
record LocalAuthority(X509Certificate issuingCertificate, PrivateKey issuingKey, String signatureAlgorithm)
        implements Signer {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A self-signed issuing CA, valid from an hour before {@code now} for ten years. */
    static LocalAuthority generate(CaKeyAlgorithm algorithm, Instant now) {
        try {
            KeyPair keys;
            String signatureAlgorithm;
            if (algorithm == CaKeyAlgorithm.EC) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                keys = generator.generateKeyPair();
                signatureAlgorithm = "SHA256withECDSA";
            } else {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), RANDOM);
                keys = generator.generateKeyPair();
                signatureAlgorithm = "SHA256withRSA";
            }
            X500Name name = new X500Name("CN=Inkan Benchmark Issuing CA,O=Inkan Bank\\, Ltd.,C=JP");
            var builder = new JcaX509v3CertificateBuilder(
                            name,
                            new BigInteger(128, RANDOM).setBit(120),
                            Date.from(now.minusSeconds(3600)),
                            Date.from(now.atZone(ZoneOffset.UTC).plusYears(10).toInstant()),
                            name,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate())));
            return new LocalAuthority(certificate, keys.getPrivate(), signatureAlgorithm);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("Cannot make the benchmark's CA", e);
        }
    }

    @Override
    public List<X509Certificate> chain() {
        return List.of(issuingCertificate);
    }

    @Override
    public ContentSigner contentSigner() {
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm).build(issuingKey);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("The benchmark CA key cannot sign " + signatureAlgorithm, e);
        }
    }

    PublicKey issuingPublicKey() {
        return issuingCertificate.getPublicKey();
    }

    Signer signer() {
        return this;
    }

    @Override
    public String toString() {
        return "LocalAuthority[" + issuingCertificate.getSubjectX500Principal() + ", " + signatureAlgorithm
                + "]"; // never the key
    }
}
