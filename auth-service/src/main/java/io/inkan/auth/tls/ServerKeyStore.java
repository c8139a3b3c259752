package io.inkan.auth.tls;

import io.inkan.auth.keys.KeyWithCertificate;
import io.inkan.messaging.keys.KeyVault;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mutual-TLS port's server key: the bank's PKCS#12 file when {@code inkan.auth.tls.keystore} names
 * one, otherwise a self-signed EC P-256 certificate for 127.0.0.1 and localhost kept in the key vault, made by the
 * first instance to start and served by every instance (design rule 12), so a client that trusts one instance's
 * certificate trusts them all. Its certificate is also written under the data directory as PEM so that local
 * clients can trust it ({@code curl --cacert}).
 */
final class ServerKeyStore {
    private static final Logger log = LoggerFactory.getLogger(ServerKeyStore.class);
    static final String GENERATED_CERTIFICATE_FILE = "tls-server.pem";
    /** The server key's name in the vault. */
    static final String VAULT_NAME = "auth/tls";

    private static final String ALIAS = "tls-server";
    private static final Duration VALIDITY = Duration.ofDays(3650);
    /**
     * Protects the in-memory key store Tomcat reads the vault's key from when no password is configured. It never
     * reaches a file: the vault's own wrapping protects the key at rest.
     */
    private static final String IN_MEMORY_PASSWORD = "inkan-local-tls";

    private ServerKeyStore() {}

    /** A loaded key store, the password of its key entry, and the entry's alias. */
    record Loaded(KeyStore keyStore, String password, String alias, X509Certificate certificate) {}

    static Loaded loadOrCreate(TlsProperties.Tls configured, Path dataDir, Clock clock, Supplier<KeyVault> vault) {
        if (configured.keystore() != null) {
            if (configured.keystorePassword() == null
                    || configured.keystorePassword().isEmpty()) {
                throw new IllegalStateException("inkan.auth.tls.keystore is set, so inkan.auth.tls.keystore-password"
                        + " must be set too (the password of that PKCS#12 file)");
            }
            try {
                return load(configured.keystore(), configured.keystorePassword());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(
                        "Cannot load inkan.auth.tls.keystore "
                                + configured.keystore().toAbsolutePath() + " with inkan.auth.tls.keystore-password: "
                                + e.getMessage(),
                        e);
            }
        }
        KeyWithCertificate stored = KeyWithCertificate.decode(vault.get().loadOrCreate(VAULT_NAME, () -> {
            log.info("No TLS server key in the key vault yet: proposing a self-signed one (the first instance's"
                    + " wins; set inkan.auth.tls.keystore to use the bank's own)");
            return create(clock).encoded();
        }));
        Path pem = dataDir.resolve("auth-service").resolve(GENERATED_CERTIFICATE_FILE);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, stored.privateKey(), IN_MEMORY_PASSWORD.toCharArray(), new Certificate[] {
                stored.certificate()
            });
            Files.createDirectories(pem.toAbsolutePath().getParent());
            writeCertificate(pem, stored.certificate());
            return new Loaded(store, IN_MEMORY_PASSWORD, ALIAS, stored.certificate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot serve the TLS server key from the key vault or write its certificate to "
                            + pem.toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
    }

    private static Loaded load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                return new Loaded(store, password, alias, certificate);
            }
        }
        throw new GeneralSecurityException("no private key with an X.509 certificate in it");
    }

    private static KeyWithCertificate create(Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            Instant now = clock.instant();
            X500Name name = new X500Name("CN=Inkan auth-service certificate logon,O=Inkan Bank\\, Ltd.,C=JP");
            var builder = new JcaX509v3CertificateBuilder(
                            name,
                            new BigInteger(128, new SecureRandom()).setBit(127),
                            Date.from(now.minus(Duration.ofMinutes(5))),
                            Date.from(now.plus(VALIDITY)),
                            name,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.iPAddress, "::1"),
                        new GeneralName(GeneralName.dNSName, "localhost")
                    }));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new KeyWithCertificate(keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot create a TLS server key: " + e.getMessage(), e);
        }
    }

    private static void writeCertificate(Path file, X509Certificate certificate)
            throws IOException, GeneralSecurityException {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        if (Files.exists(file)
                && Files.readString(file, StandardCharsets.US_ASCII).equals(pem)) {
            return;
        }
        // written aside and moved, so that a client never reads half a certificate
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "tls-server", ".pem.tmp");
        try {
            Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
