package io.inkan.admin.initialpassword;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * Seals a secret for auth-service as it opens them (and nothing else): CMS AuthEnvelopedData, the content
 * AES-256-GCM, the content key wrapped with RSAES-OAEP (SHA-256, MGF1 SHA-256) for the sealing certificate,
 * base64 of the DER. GCM authenticates the content, so a sealed password altered on its way is refused, not
 * silently changed; only the holder of the sealing key can open it.
 */
final class Sealer {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final OAEPParameterSpec OAEP_SHA256 =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private Sealer() {}

    static String seal(String secret, X509Certificate recipient) {
        byte[] content = secret.getBytes(StandardCharsets.UTF_8);
        try {
            AlgorithmIdentifier oaep = new JcaAlgorithmParametersConverter()
                    .getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, OAEP_SHA256);
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient, oaep).setProvider(BC));
            OutputAEADEncryptor gcm = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                    .setProvider(BC)
                    .build();
            CMSAuthEnvelopedData sealed = generator.generate(new CMSProcessableByteArray(content), gcm);
            return Base64.getEncoder().encodeToString(sealed.getEncoded());
        } catch (CMSException | GeneralSecurityException | java.io.IOException e) {
            // the message names the algorithm problem, never the secret
            throw new IllegalStateException(
                    "Could not seal a secret: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }
}
