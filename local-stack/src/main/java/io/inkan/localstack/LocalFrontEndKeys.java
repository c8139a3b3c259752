package io.inkan.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
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

/**
 * The web front end's two keys in the local stack, made once under {@code ${inkan.data-dir}/web/} and read back on
 * every start after: the server key of its HTTPS port (certificate logon; self-signed for 127.0.0.1 and localhost)
 * and its own client certificate, the one auth-service lists in {@code inkan.auth.trusted-frontends} so that the
 * front end may vouch for a customer's certificate. A bank gives its own ({@code inkan.web.tls.keystore}, {@code
 * inkan.web.client-keystore}). Public so that the system tests set up a front end the same way.
 */
public final class LocalFrontEndKeys {
    public static final String SERVER_KEYSTORE = "tls-server.p12";
    public static final String CLIENT_KEYSTORE = "frontend-client.p12";
    /** Protects both files; good for the embedded stack only, whose keys are throwaway. */
    public static final String LOCAL_PASSWORD = "inkan-local-only";

    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final Path serverKeystore;
    private final Path clientKeystore;
    private final String clientFingerprint;

    private LocalFrontEndKeys(Path serverKeystore, Path clientKeystore, String clientFingerprint) {
        this.serverKeystore = serverKeystore;
        this.clientKeystore = clientKeystore;
        this.clientFingerprint = clientFingerprint;
    }

    /** The keys under {@code dir}, made there first if missing. */
    public static LocalFrontEndKeys loadOrCreate(Path dir) {
        Path server = dir.resolve(SERVER_KEYSTORE);
        Path client = dir.resolve(CLIENT_KEYSTORE);
        try {
            Files.createDirectories(dir);
            createIfMissing(server, "CN=Inkan web front end,O=Inkan Bank\\, Ltd.,C=JP", true);
            createIfMissing(client, "CN=Inkan web front end (trusted front end),O=Inkan Bank\\, Ltd.,C=JP", false);
            return new LocalFrontEndKeys(server, client, sha256(certificate(client)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make or read the web front end's keys under " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make or read the web front end's keys under " + dir, e);
        }
    }

    public Path serverKeystore() {
        return serverKeystore;
    }

    public Path clientKeystore() {
        return clientKeystore;
    }

    /** The SHA-256 of the client certificate, as {@code inkan.auth.trusted-frontends} lists it. */
    public String clientFingerprint() {
        return clientFingerprint;
    }

    /** The server certificate of the HTTPS port, for clients that pin it. */
    public X509Certificate serverCertificate() {
        try {
            return certificate(serverKeystore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createIfMissing(Path file, String subject, boolean server)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        if (Files.exists(file)) {
            return;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
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
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
        if (server) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "localhost")
            }));
        }
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("web", keys.getPrivate(), LOCAL_PASSWORD.toCharArray(), new Certificate[] {certificate});
        // written aside, readable by its owner only, and moved, so that a reader never sees half a file
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "web", ".p12.tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the data directory's own protection has to do
            }
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, LOCAL_PASSWORD.toCharArray());
            }
            try {
                Files.move(temporary, file);
            } catch (FileAlreadyExistsException anotherStackWasFirst) {
                // keep the one already there
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static X509Certificate certificate(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, LOCAL_PASSWORD.toCharArray());
        }
        return (X509Certificate) store.getCertificate("web");
    }

    private static String sha256(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
