package io.inkan.auth.sealing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

/** Loads the sealing key from its PKCS#12 file, or makes one (RSA 3072, self-signed) on first start. */
final class SealingKeyStore {
    private static final Logger log = LoggerFactory.getLogger(SealingKeyStore.class);
    private static final String ALIAS = "sealing";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private SealingKeyStore() {}

    record Loaded(PrivateKey privateKey, X509Certificate certificate) {}

    static Loaded loadOrCreate(SealingProperties properties, Clock clock) {
        Path file = properties.keystore();
        char[] password = properties.keystorePassword().toCharArray();
        try {
            if (Files.exists(file)) {
                return load(file, password);
            }
            Loaded created = create(clock);
            save(file, password, created);
            log.info("Created a new RSA-3072 sealing key in {}", file.toAbsolutePath());
            return load(file, password);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(
                    "Cannot load or create the sealing keystore " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static Loaded load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        Enumeration<String> aliases = store.aliases();
        while (aliases.hasMoreElements()) {
            String alias = aliases.nextElement();
            if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                return new Loaded((PrivateKey) store.getKey(alias, password), certificate);
            }
        }
        throw new GeneralSecurityException("no private key with an X.509 certificate in it");
    }

    private static Loaded create(Clock clock) throws GeneralSecurityException, OperatorCreationException, IOException {
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
                        Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        return new Loaded(keys.getPrivate(), certificate);
    }

    private static void save(Path file, char[] password, Loaded loaded) throws IOException, GeneralSecurityException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                ALIAS, loaded.privateKey(), password, new java.security.cert.Certificate[] {loaded.certificate()});
        Path temporary = Files.createTempFile(dir, "sealing", ".p12.tmp");
        try {
            restrictToOwner(temporary);
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, password);
            }
            // Another instance on the same data directory may have won the race; keep its key then.
            try {
                Files.move(temporary, file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                log.info("Another instance created the sealing key first; using its key");
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("Cannot restrict permissions of {}: {}", file, e.toString());
        }
    }
}
