package io.inkan.auth.sealing;

import io.inkan.auth.keys.KeyWithCertificate;
import io.inkan.messaging.keys.KeyVault;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Enumeration;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the sealing key comes from: the bank's own PKCS#12 file, or the key vault, where the first instance to
 * start stores an RSA-3072 key with a self-signed certificate and every instance loads that one (design rule 12), so
 * a secret sealed to the certificate one instance serves opens on any other.
 */
final class SealingKeyStore {
    private static final Logger log = LoggerFactory.getLogger(SealingKeyStore.class);
    /** The sealing key's name in the vault. */
    static final String VAULT_NAME = "auth/sealing";

    private static final Duration VALIDITY = Duration.ofDays(3650);

    private SealingKeyStore() {}

    static KeyWithCertificate fromVault(KeyVault vault, Clock clock) {
        byte[] stored = vault.loadOrCreate(VAULT_NAME, () -> {
            log.info("No sealing key in the key vault yet: proposing a new RSA-3072 key (the first instance's wins)");
            return create(clock).encoded();
        });
        return KeyWithCertificate.decode(stored);
    }

    static KeyWithCertificate fromKeystore(Path file, String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password.toCharArray());
            }
            Enumeration<String> aliases = store.aliases();
            while (aliases.hasMoreElements()) {
                String alias = aliases.nextElement();
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                    return new KeyWithCertificate(
                            (PrivateKey) store.getKey(alias, password.toCharArray()), certificate);
                }
            }
            throw new GeneralSecurityException("no private key with an X.509 certificate in it");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot load inkan.auth.sealing.keystore " + file.toAbsolutePath()
                            + " with inkan.auth.sealing.keystore-password: " + e.getMessage(),
                    e);
        }
    }

    /** A new RSA-3072 sealing key and its self-signed certificate, valid ten years from now. */
    static KeyWithCertificate create(Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            Instant now = clock.instant();
            X500Name name = new X500Name("CN=Inkan auth-service sealing key,O=Inkan Bank\\, Ltd.,C=JP");
            var extensions = new JcaX509ExtensionUtils();
            var builder = new JcaX509v3CertificateBuilder(
                            name,
                            new BigInteger(128, new SecureRandom()).setBit(127),
                            Date.from(now.minus(Duration.ofMinutes(5))),
                            Date.from(now.plus(VALIDITY)),
                            name,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new KeyWithCertificate(keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot create a sealing key: " + e.getMessage(), e);
        }
    }
}
