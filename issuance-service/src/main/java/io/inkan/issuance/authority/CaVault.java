package io.inkan.issuance.authority;

import io.inkan.events.Span;
import io.inkan.messaging.keys.KeyVault;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default CA: kept in issuance-service's database, wrapped by {@code inkan.keys.encryption-key}, so that every
 * instance on that database signs with the same one (design rule 12). Whichever instance starts first on an empty
 * database generates a root and an issuing CA and proposes them; the first proposal stored wins and every instance,
 * the proposers included, loads that one.
 *
 * <p>One entry holds the issuing key (PKCS#8) with its certificate and the root's, so that a half-made CA (an issuing
 * key whose chain another instance made) cannot exist. The root's private key is used once, to sign the issuing CA,
 * and never stored.
 */
final class CaVault {
    /** The entry of the first issuing CA; a roll to a new one would add the next generation beside it. */
    static final String ENTRY = "ca/issuing/1";

    private static final Logger log = LoggerFactory.getLogger(CaVault.class);

    private CaVault() {}

    static Signer loadOrGenerate(KeyVault vault, CaKeyAlgorithm algorithm, Span certificateValidity, Instant now) {
        byte[] stored = vault.loadOrCreate(ENTRY, () -> {
            log.info("No CA in the database yet: proposing a {} root and issuing CA", algorithm);
            return encode(CaGenerator.generate(algorithm, now));
        });
        String source = "the CA in the database (entry " + ENTRY + ")";
        Decoded ca = decode(source, stored);
        CaCheck.check(source, ca.key(), null, ca.issuing(), ca.root(), certificateValidity, now);
        log.info(
                "CA loaded from the database: issuing CA '{}' valid until {}, root '{}'",
                ca.issuing().getSubjectX500Principal().getName(),
                ca.issuing().getNotAfter().toInstant(),
                ca.root().getSubjectX500Principal().getName());
        return new KeystoreSigner(ca.key(), ca.issuing(), ca.root());
    }

    private record Decoded(PrivateKey key, X509Certificate issuing, X509Certificate root) {}

    /** PEM: the issuing key as PKCS#8, then the issuing certificate, then the root's. */
    static byte[] encode(CaGenerator.Ca ca) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(ca.issuingKeys().getPrivate(), null));
            writer.writeObject(ca.issuing());
            writer.writeObject(ca.root());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the generated CA", e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Decoded decode(String source, byte[] stored) {
        PrivateKey key = null;
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(new String(stored, StandardCharsets.US_ASCII)))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    key = new JcaPEMKeyConverter().getPrivateKey(info);
                } else if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw CaCheck.refused(source, "it cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (key == null || certificates.size() != 2) {
            throw CaCheck.refused(source, "it does not hold an issuing key with its certificate and the root's");
        }
        return new Decoded(key, certificates.get(0), certificates.get(1));
    }
}
