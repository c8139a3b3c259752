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
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * auth-service's sealing key: others seal secrets (initial passwords, a front end's credentials) to its
 * certificate; only this service opens them. Nothing here ever puts the opened content into a message or a log.
 *
 * <p>Only what authenticates its content is opened: CMS AuthEnvelopedData with AES-GCM (128, 192 or 256 bit, a tag
 * of at least 96 bits) whose content key is wrapped with RSAES-OAEP (SHA-1, openssl's default, or SHA-256). Plain
 * EnvelopedData (AES-CBC) is malleable: bits flipped in transit change the secret without anyone noticing. RSA
 * PKCS#1 v1.5 key transport invites Bleichenbacher's padding oracle, so such a key is never even decrypted.
 * Whatever is refused, the caller learns the same thing: that the value cannot be opened.
 */
public final class SealingKey {
    private static final Logger log = LoggerFactory.getLogger(SealingKey.class);
    private static final Provider BC = provider();

    /** The one refusal every caller sees, whatever was wrong: it names the contract, not the fault. */
    static final String REFUSAL = "sealed value cannot be opened: it must be CMS AuthEnvelopedData (AES-GCM) for"
            + " this service's sealing certificate, its key wrapped with RSAES-OAEP";

    private static final Set<ASN1ObjectIdentifier> GCM = Set.of(
            NISTObjectIdentifiers.id_aes128_GCM,
            NISTObjectIdentifiers.id_aes192_GCM,
            NISTObjectIdentifiers.id_aes256_GCM);
    private static final Set<ASN1ObjectIdentifier> OAEP_DIGESTS =
            Set.of(OIWObjectIdentifiers.idSHA1, NISTObjectIdentifiers.id_sha256);
    /** RFC 5084 allows tags of 12 to 16 bytes; anything shorter would make a forgery cheap. */
    private static final int MIN_TAG_BYTES = 12;

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
     * Opens base64 DER of CMS AuthEnvelopedData sealed to this key as the class comment says.
     *
     * @throws UnreadableEventException with one and the same message for every refusal (not base64, not
     *     AuthEnvelopedData, another cipher or key transport, another recipient, a content or tag that does not
     *     authenticate); why is logged here, never what is inside
     */
    public byte[] open(String sealedBase64) {
        try {
            return openAuthenticated(sealedBase64);
        } catch (Refused e) {
            log.info("Refused a sealed value: {}", e.getMessage());
        } catch (CMSException e) {
            log.info("Refused a sealed value: it does not decrypt or authenticate ({})", kind(e));
        } catch (RuntimeException e) {
            log.info("Refused a sealed value: malformed CMS ({})", e.getClass().getSimpleName());
        }
        throw new UnreadableEventException(REFUSAL);
    }

    private byte[] openAuthenticated(String sealedBase64) throws CMSException {
        if (sealedBase64 == null || sealedBase64.isBlank()) {
            throw new Refused("it is empty");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(sealedBase64.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused("it is not base64");
        }
        ContentInfo info = ContentInfo.getInstance(der);
        if (!CMSObjectIdentifiers.authEnvelopedData.equals(info.getContentType())) {
            throw new Refused("it is CMS " + info.getContentType() + ", not AuthEnvelopedData");
        }
        AuthEnvelopedData structure = AuthEnvelopedData.getInstance(info.getContent());
        checkGcm(structure);
        CMSAuthEnvelopedData envelope = new CMSAuthEnvelopedData(info);
        for (RecipientInformation recipient : envelope.getRecipientInfos().getRecipients()) {
            if (recipient instanceof KeyTransRecipientInformation keyTrans
                    && keyTrans.getRID().match(certificateHolder)) {
                // Checked before the private key is used at all: no padding oracle to probe.
                checkOaep(keyTrans.getKeyEncryptionAlgorithm());
                return keyTrans.getContent(new JceKeyTransAuthEnvelopedRecipient(privateKey).setProvider(BC));
            }
        }
        throw new Refused("it is not addressed to this sealing certificate (serial "
                + certificate.getSerialNumber().toString(16) + ")");
    }

    private static void checkGcm(AuthEnvelopedData structure) {
        AlgorithmIdentifier cipher = structure.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm();
        if (!GCM.contains(cipher.getAlgorithm())) {
            throw new Refused("its content cipher is " + cipher.getAlgorithm() + ", not AES-GCM");
        }
        int tagBytes = GCMParameters.getInstance(cipher.getParameters()).getIcvLen();
        if (tagBytes < MIN_TAG_BYTES || structure.getMac().getOctets().length != tagBytes) {
            throw new Refused("its GCM tag is shorter than " + MIN_TAG_BYTES + " bytes or not as declared");
        }
    }

    private static void checkOaep(AlgorithmIdentifier keyTransport) {
        if (!PKCSObjectIdentifiers.id_RSAES_OAEP.equals(keyTransport.getAlgorithm())) {
            throw new Refused("its key transport is " + keyTransport.getAlgorithm() + ", not RSAES-OAEP");
        }
        // Absent parameters mean SHA-1 with MGF1-SHA-1 (RFC 4055), which is what openssl writes by default.
        RSAESOAEPparams oaep = keyTransport.getParameters() == null
                ? new RSAESOAEPparams()
                : RSAESOAEPparams.getInstance(keyTransport.getParameters());
        AlgorithmIdentifier mgf = oaep.getMaskGenAlgorithm();
        boolean mgf1 = PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm())
                && OAEP_DIGESTS.contains(
                        AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm());
        if (!OAEP_DIGESTS.contains(oaep.getHashAlgorithm().getAlgorithm()) || !mgf1) {
            throw new Refused("its RSAES-OAEP digest is neither SHA-1 nor SHA-256");
        }
    }

    /** The failure's kind without its data: BouncyCastle messages name algorithms, not contents. */
    private static String kind(CMSException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName();
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

    /** Why a value was refused, for this service's log only. */
    private static final class Refused extends RuntimeException {
        Refused(String why) {
            super(why, null, false, false);
        }
    }
}
