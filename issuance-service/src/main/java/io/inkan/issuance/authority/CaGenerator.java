package io.inkan.issuance.authority;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the local stack's CA on first start: a root and an issuing CA below it. The root's private key is used once,
 * to sign the issuing CA, and never stored: an online service has no business holding a root key.
 */
final class CaGenerator {
    static final X500Principal ROOT_NAME = new X500Principal("CN=Inkan Bank Root CA,O=Inkan Bank\\, Ltd.,C=JP");
    static final X500Principal ISSUING_NAME =
            new X500Principal("CN=Inkan Bank Internet Banking CA 1,O=Inkan Bank\\, Ltd.,C=JP");

    private static final SecureRandom RANDOM = new SecureRandom();

    private CaGenerator() {}

    /**
     * A generated CA. {@code rootKey} is kept (wrapped, in the database) only for the database CA, so that it can roll
     * to a new issuing CA under the same root; null where the root lives elsewhere.
     */
    record Ca(KeyPair issuingKeys, X509Certificate issuing, X509Certificate root, PrivateKey rootKey) {
        Ca(KeyPair issuingKeys, X509Certificate issuing, X509Certificate root) {
            this(issuingKeys, issuing, root, null);
        }
    }

    static Ca generate(CaKeyAlgorithm algorithm, Instant now) {
        KeyPair rootKeys = algorithm == CaKeyAlgorithm.EC ? ec("secp384r1") : rsa3072();
        KeyPair issuingKeys = algorithm == CaKeyAlgorithm.EC ? ec("secp256r1") : rsa3072();
        Instant notBefore = now.minusSeconds(3600);
        X509Certificate root = caCertificate(
                ROOT_NAME,
                rootKeys.getPublic(),
                ROOT_NAME,
                rootKeys.getPrivate(),
                null,
                notBefore,
                years(now, 20),
                -1,
                KeyUsage.keyCertSign | KeyUsage.cRLSign);
        X509Certificate issuing = issuingCertificate(ISSUING_NAME, issuingKeys, root, rootKeys.getPrivate(), now);
        return new Ca(issuingKeys, issuing, root, rootKeys.getPrivate());
    }

    /**
     * The next issuing CA under an existing root: a fresh key of the same kind as {@code like}'s, named with its
     * generation ("... CA 2"), valid for ten years or until the root expires, whichever is first.
     */
    static Ca nextIssuing(int generation, X509Certificate like, X509Certificate root, PrivateKey rootKey, Instant now) {
        KeyPair issuingKeys =
                like.getPublicKey() instanceof java.security.interfaces.ECPublicKey ? ec("secp256r1") : rsa3072();
        X500Principal name =
                new X500Principal("CN=Inkan Bank Internet Banking CA " + generation + ",O=Inkan Bank\\, Ltd.,C=JP");
        return new Ca(issuingKeys, issuingCertificate(name, issuingKeys, root, rootKey, now), root, null);
    }

    private static X509Certificate issuingCertificate(
            X500Principal name, KeyPair issuingKeys, X509Certificate root, PrivateKey rootKey, Instant now) {
        Instant notAfter = years(now, 10);
        Instant rootNotAfter = root.getNotAfter().toInstant();
        return caCertificate(
                name,
                issuingKeys.getPublic(),
                root.getSubjectX500Principal(),
                rootKey,
                root,
                now.minusSeconds(3600),
                notAfter.isAfter(rootNotAfter) ? rootNotAfter : notAfter,
                0,
                // digitalSignature: the issuing CA signs OCSP answers itself.
                KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature);
    }

    /**
     * A CA certificate. {@code pathLength} -1 means unlimited; {@code issuer} null makes it self-signed.
     * Package-private so that tests can make broken CAs.
     */
    static X509Certificate caCertificate(
            X500Principal subject,
            PublicKey subjectKey,
            X500Principal issuerName,
            PrivateKey issuerKey,
            X509Certificate issuer,
            Instant notBefore,
            Instant notAfter,
            int pathLength,
            int keyUsage) {
        try {
            var utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            issuerName,
                            new BigInteger(128, RANDOM).setBit(120),
                            Date.from(notBefore),
                            Date.from(notAfter),
                            subject,
                            subjectKey)
                    .addExtension(
                            Extension.basicConstraints,
                            true,
                            pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            PublicKey authorityKey = issuer == null ? subjectKey : issuer.getPublicKey();
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(authorityKey));
            var signer = new JcaContentSignerBuilder(SignatureAlgorithms.forKey(authorityKey)).build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("Cannot make a CA certificate for " + subject, e);
        }
    }

    /** Writes the keystore atomically, readable by its owner only where the file system allows. */
    static void store(Ca ca, Path path, char[] password, String issuingAlias, String rootAlias) {
        try {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(null, null);
            keystore.setKeyEntry(
                    issuingAlias, ca.issuingKeys().getPrivate(), password, new Certificate[] {ca.issuing(), ca.root()});
            keystore.setCertificateEntry(rootAlias, ca.root());
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(path.toAbsolutePath().getParent(), "ca", ".p12.tmp");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            try (OutputStream out = Files.newOutputStream(temporary)) {
                keystore.store(out, password);
            }
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the CA keystore " + path, e);
        }
    }

    private static Instant years(Instant now, int years) {
        return now.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa3072() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
