package io.inkan.auth.sealing;

import io.inkan.events.UnreadableEventException;
import java.io.IOException;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * auth-service's sealing key: others seal secrets (initial passwords, a front end's credentials) to its
 * certificate as CMS EnvelopedData or AuthEnvelopedData; only this service opens them. RSA-OAEP with
 * SHA-1 (openssl's default) or SHA-256 and PKCS#1 v1.5 key transport are accepted, as BouncyCastle reads
 * them from the recipient info. Nothing here ever puts the opened content into a message or a log.
 */
public final class SealingKey {
    private static final Provider BC = provider();

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final X509CertificateHolder certificateHolder;
    private final String certificatePem;

    SealingKey(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        try {
            this.certificateHolder = new X509CertificateHolder(certificate.getEncoded());
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException("The sealing certificate does not encode", e);
        }
        this.certificatePem = pem(certificate);
    }

    /** The certificate (PEM) to which secrets bound for auth-service are sealed. */
    public String certificatePem() {
        return certificatePem;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Opens base64 DER of CMS EnvelopedData or AuthEnvelopedData sealed to this key.
     *
     * @throws UnreadableEventException when the value is not such a structure, is not addressed to this
     *     key, or does not decrypt (or, for AuthEnvelopedData, does not authenticate); the message says
     *     which, never what is inside
     */
    public byte[] open(String sealedBase64) {
        if (sealedBase64 == null || sealedBase64.isBlank()) {
            throw new UnreadableEventException("sealed value is empty");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(sealedBase64.strip());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("sealed value is not base64");
        }
        ASN1ObjectIdentifier type;
        try {
            type = ContentInfo.getInstance(der).getContentType();
        } catch (RuntimeException e) {
            throw new UnreadableEventException("sealed value is not a CMS ContentInfo");
        }
        try {
            if (CMSObjectIdentifiers.envelopedData.equals(type)) {
                return openWith(new CMSEnvelopedData(der).getRecipientInfos());
            }
            if (CMSObjectIdentifiers.authEnvelopedData.equals(type)) {
                return openWith(new CMSAuthEnvelopedData(der).getRecipientInfos());
            }
        } catch (UnreadableEventException e) {
            throw e;
        } catch (CMSException e) {
            throw new UnreadableEventException("sealed value cannot be opened: " + describe(e));
        } catch (RuntimeException e) {
            throw new UnreadableEventException(
                    "sealed value is malformed CMS: " + e.getClass().getSimpleName());
        }
        throw new UnreadableEventException("sealed value is CMS " + type + ", not (Auth)EnvelopedData");
    }

    private byte[] openWith(RecipientInformationStore recipients) throws CMSException {
        Collection<RecipientInformation> all = recipients.getRecipients();
        for (RecipientInformation recipient : all) {
            if (recipient instanceof KeyTransRecipientInformation keyTrans
                    && keyTrans.getRID().match(certificateHolder)) {
                return keyTrans.getContent(new JceKeyTransEnvelopedRecipient(privateKey).setProvider(BC));
            }
        }
        throw new UnreadableEventException("sealed value is not addressed to this service's sealing certificate"
                + " (serial " + certificate.getSerialNumber().toString(16) + ")");
    }

    /** The failure's kind without its data: BouncyCastle messages name algorithms, not contents. */
    private static String describe(CMSException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return e.getMessage() + (cause != e ? " (" + cause.getClass().getSimpleName() + ")" : "");
    }

    private static String pem(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static Provider provider() {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        return installed != null ? installed : new BouncyCastleProvider();
    }
}
