package io.inkan.admin.initialpassword;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * Seals a secret for auth-service as the brief agrees: CMS EnvelopedData, the content key wrapped
 * with RSAES-OAEP (SHA-256, MGF1 SHA-256) for the sealing certificate, the content AES-256-CBC,
 * base64 of the DER. Only the holder of the sealing key can open it.
 */
final class Sealer {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private Sealer() {}

    static String seal(String secret, X509Certificate recipient) {
        try {
            AlgorithmIdentifier oaep = new JcaAlgorithmParametersConverter()
                    .getAlgorithmIdentifier(
                            PKCSObjectIdentifiers.id_RSAES_OAEP,
                            new OAEPParameterSpec(
                                    "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient, oaep).setProvider(BC));
            CMSEnvelopedData sealed = generator.generate(
                    new CMSProcessableByteArray(secret.getBytes(StandardCharsets.UTF_8)),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                            .setProvider(BC)
                            .build());
            return Base64.getEncoder().encodeToString(sealed.getEncoded());
        } catch (CMSException | GeneralSecurityException | java.io.IOException e) {
            // the message names the algorithm problem, never the secret
            throw new IllegalStateException(
                    "Could not seal a secret: " + e.getClass().getSimpleName(), e);
        }
    }
}
