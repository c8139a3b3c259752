package io.inkan.frontend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals credentials for auth-service: the JSON {@code {"requestId","sealedAt","contractId","userId",
 * "password"}} (or {@code "loginId"} instead of contract and user; with {@code "acquisitionCode"} when one is given)
 * as CMS AuthEnvelopedData, AES-256-GCM,
 * the content key wrapped with RSAES-OAEP (SHA-256) for the sealing certificate — what {@code openssl cms
 * -encrypt -aes-256-gcm -keyopt rsa_padding_mode:oaep} makes. The clear JSON is overwritten once sealed.
 */
final class CredentialSealer {
    private static final Provider BC = new BouncyCastleProvider();
    private static final OAEPParameterSpec OAEP_SHA256 =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private final JsonMapper json = JsonMapper.builder().build();

    /** Base64 of the DER of the AuthEnvelopedData. */
    String seal(X509Certificate sealingCertificate, String requestId, Instant sealedAt, Credentials credentials) {
        byte[] content = content(requestId, sealedAt, credentials);
        try {
            AlgorithmIdentifier oaep = new JcaAlgorithmParametersConverter()
                    .getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, OAEP_SHA256);
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(
                    new JceKeyTransRecipientInfoGenerator(sealingCertificate, oaep).setProvider(BC));
            OutputAEADEncryptor encryptor =
                    (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                            .setProvider(BC)
                            .build();
            byte[] der = generator
                    .generate(new CMSProcessableByteArray(content), encryptor)
                    .getEncoded();
            return Base64.getEncoder().encodeToString(der);
        } catch (CMSException | GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot seal credentials to the sealing certificate", e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private byte[] content(String requestId, Instant sealedAt, Credentials credentials) {
        ClearableBuffer out = new ClearableBuffer();
        char[] password = credentials.password();
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("requestId", requestId);
            generator.writeStringProperty("sealedAt", sealedAt.toString());
            if (credentials.loginId() != null) {
                generator.writeStringProperty("loginId", credentials.loginId());
            } else {
                generator.writeStringProperty("contractId", credentials.contractId());
                generator.writeStringProperty("userId", credentials.userId());
            }
            generator.writeName("password");
            generator.writeString(password, 0, password.length);
            if (credentials.acquisitionCode() != null) {
                generator.writeStringProperty("acquisitionCode", credentials.acquisitionCode());
            }
            generator.writeEndObject();
        } finally {
            Arrays.fill(password, '\0');
        }
        byte[] content = out.toByteArray();
        out.clear();
        return content;
    }

    /** A buffer whose copy of the clear JSON can be overwritten. */
    private static final class ClearableBuffer extends ByteArrayOutputStream {
        ClearableBuffer() {
            super(256);
        }

        void clear() {
            Arrays.fill(buf, (byte) 0);
        }
    }
}
