package io.inkan.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** The customer's new key pair, its CSR, and the PKCS#12 file that finally holds key and certificate. */
final class KeyMaterial {
    private final KeyPair keys;

    private KeyMaterial(KeyPair keys) {
        this.keys = keys;
    }

    /** An EC P-256 key pair, made here; the private key never leaves this process except in the PKCS#12. */
    static KeyMaterial newP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new KeyMaterial(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an EC P-256 key", e);
        }
    }

    /** A PKCS#10 request signed with the new key; the subject is a hint only, the CA sets its own. */
    String csrPem(String commonNameHint) {
        X500Name subject =
                new X500NameBuilder().addRDN(BCStyle.CN, commonNameHint).build();
        try {
            var csr = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(csr);
            }
            return out.toString();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the certificate request", e);
        }
    }

    /** Writes the key with the certificate and its chain as PKCS#12, protected by {@code passphrase}. */
    void writePkcs12(Path file, String certificatePem, String chainPem, char[] passphrase) {
        List<X509Certificate> chain = new ArrayList<>(certificates(certificatePem));
        if (chainPem != null) {
            chain.addAll(certificates(chainPem));
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("inkan", keys.getPrivate(), passphrase, chain.toArray(Certificate[]::new));
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, passphrase);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new CliFailure(ExitCode.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every certificate in a PEM text, in order. */
    static List<X509Certificate> certificates(String pem) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (GeneralSecurityException e) {
            throw new CliFailure(ExitCode.FAILED, "unreadable certificate PEM: " + e.getMessage(), e);
        }
    }
}
