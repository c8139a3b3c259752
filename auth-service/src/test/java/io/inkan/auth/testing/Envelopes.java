package io.inkan.auth.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.junit.jupiter.api.Assumptions;

/**
 * Seals values to a certificate the way admin-service and front ends do (BouncyCastle CMS, or openssl), and the ways
 * an attacker might that auth-service must refuse.
 */
public final class Envelopes {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private Envelopes() {}

    /**
     * What a front end without Java does: {@code openssl cms -encrypt -binary -aes-256-gcm -recip sealing.pem
     * -keyopt rsa_padding_mode:oaep -outform DER}, as base64. Skips the calling test where openssl is not installed.
     */
    public static String sealWithOpenssl(byte[] content, String certificatePem) throws Exception {
        return opensslCms(content, certificatePem, "-aes-256-gcm", "-keyopt", "rsa_padding_mode:oaep");
    }

    /**
     * {@code openssl cms -encrypt -binary <cipher> -recip sealing.pem <recipientOptions> -outform DER}, as base64: with
     * {@code -aes-256-cbc} it makes plain EnvelopedData, without {@code -keyopt rsa_padding_mode:oaep} it wraps the
     * key with PKCS#1 v1.5. Skips the calling test where openssl is not installed.
     */
    public static String opensslCms(byte[] content, String certificatePem, String cipher, String... recipientOptions)
            throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        Assumptions.assumeTrue(Files.isExecutable(openssl), "openssl is not installed");
        Path dir = Files.createTempDirectory("openssl-cms");
        Path pem = Files.writeString(dir.resolve("sealing.pem"), certificatePem);
        Path in = Files.write(dir.resolve("content"), content);
        Path out = dir.resolve("sealed.der");
        List<String> command = new ArrayList<>(
                List.of(openssl.toString(), "cms", "-encrypt", "-binary", cipher, "-recip", pem.toString()));
        command.addAll(List.of(recipientOptions)); // -keyopt applies to the -recip before it
        command.addAll(List.of("-outform", "DER", "-in", in.toString(), "-out", out.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("openssl cms -encrypt failed: " + said);
            }
            return Base64.getEncoder().encodeToString(Files.readAllBytes(out));
        } finally {
            Files.deleteIfExists(in); // the clear content does not outlive the call
        }
    }

    public enum Oaep {
        SHA1,
        SHA256
    }

    public static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** AuthEnvelopedData, AES-256-GCM, RSA-OAEP SHA-256: what admin-service makes of an initial password. */
    public static String seal(String content, X509Certificate recipient) {
        return authEnveloped(content.getBytes(StandardCharsets.UTF_8), recipient, Oaep.SHA256);
    }

    /** Plain EnvelopedData, AES-256-CBC (malleable): what auth-service must refuse, whatever the key transport. */
    public static String enveloped(byte[] content, X509Certificate recipient, Oaep oaep) {
        try {
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(recipientInfo(recipient, oaep));
            var data = generator.generate(
                    new CMSProcessableByteArray(content),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                            .setProvider(BC)
                            .build());
            return Base64.getEncoder().encodeToString(data.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** AuthEnvelopedData, AES-256-GCM: what {@code openssl cms -encrypt -aes-256-gcm} makes. */
    public static String authEnveloped(byte[] content, X509Certificate recipient, Oaep oaep) {
        try {
            return authEnveloped(content, recipientInfo(recipient, oaep));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * AuthEnvelopedData, AES-256-GCM, its key wrapped with RSA PKCS#1 v1.5 (openssl's default without {@code -keyopt
     * rsa_padding_mode:oaep}): what auth-service must refuse.
     */
    public static String authEnvelopedWithPkcs1(byte[] content, X509Certificate recipient) {
        try {
            return authEnveloped(content, new JceKeyTransRecipientInfoGenerator(recipient).setProvider(BC));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String authEnveloped(byte[] content, JceKeyTransRecipientInfoGenerator recipientInfo) {
        try {
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(recipientInfo);
            var data = generator.generate(
                    new CMSProcessableByteArray(content), (org.bouncycastle.operator.OutputAEADEncryptor)
                            new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                                    .setProvider(BC)
                                    .build());
            return Base64.getEncoder().encodeToString(data.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JceKeyTransRecipientInfoGenerator recipientInfo(X509Certificate recipient, Oaep oaep)
            throws Exception {
        OAEPParameterSpec spec = oaep == Oaep.SHA256
                ? new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT)
                : new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
        var algorithm = new JcaAlgorithmParametersConverter()
                .getAlgorithmIdentifier(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_RSAES_OAEP, spec);
        return new JceKeyTransRecipientInfoGenerator(recipient, algorithm).setProvider(BC);
    }
}
