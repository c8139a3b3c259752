package io.inkan.admin;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Opens a sealed secret the way auth-service does, with the sealing certificate's private key: only
 * AuthEnvelopedData with AES-256-GCM (what admin-service makes); anything else fails the test.
 */
public final class SealedOpener {
    private SealedOpener() {}

    public static String open(String base64Der, PrivateKey key) throws Exception {
        CMSAuthEnvelopedData envelope =
                new CMSAuthEnvelopedData(Base64.getDecoder().decode(base64Der));
        if (!CMSAlgorithm.AES256_GCM.getId().equals(envelope.getEncryptionAlgOID())) {
            throw new AssertionError("content not AES-256-GCM but " + envelope.getEncryptionAlgOID());
        }
        RecipientInformation recipient =
                envelope.getRecipientInfos().getRecipients().iterator().next();
        byte[] content = recipient.getContent(
                new JceKeyTransAuthEnvelopedRecipient(key).setProvider(new BouncyCastleProvider()));
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The key-transport algorithm of the (only) recipient, e.g. RSAES-OAEP's OID. */
    public static String keyTransportAlgorithm(String base64Der) throws Exception {
        CMSAuthEnvelopedData envelope =
                new CMSAuthEnvelopedData(Base64.getDecoder().decode(base64Der));
        return envelope.getRecipientInfos().getRecipients().iterator().next().getKeyEncryptionAlgOID();
    }
}
