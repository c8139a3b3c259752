package io.inkan.issuance.authority;

import io.inkan.events.Span;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the CA keystore and refuses one the service must not sign with. Every refusal says what is wrong in words an
 * operator can act on, and none of them prints the password or a key.
 */
final class CaKeystore {
    private static final Logger log = LoggerFactory.getLogger(CaKeystore.class);

    private CaKeystore() {}

    /** Generates the CA at {@code path} unless it exists, then opens it. The local stack's way. */
    static Signer openOrGenerate(
            Path path,
            char[] password,
            CaKeyAlgorithm algorithm,
            String issuingAlias,
            String rootAlias,
            Span certificateValidity,
            Instant now) {
        if (!Files.exists(path)) {
            log.info("No CA keystore at {}: generating a {} root and issuing CA", path, algorithm);
            CaGenerator.store(CaGenerator.generate(algorithm, now), path, password, issuingAlias, rootAlias);
        }
        return open(path, password, issuingAlias, rootAlias, certificateValidity, now);
    }

    static Signer open(
            Path path, char[] password, String issuingAlias, String rootAlias, Span certificateValidity, Instant now) {
        return open(path, password, issuingAlias, rootAlias, certificateValidity, now, false);
    }

    /** A retired CA's keystore: checked as a CA that signs only CRLs and OCSP answers from now on. */
    static Signer openRetired(Path path, char[] password, String issuingAlias, String rootAlias, Instant now) {
        return open(path, password, issuingAlias, rootAlias, null, now, true);
    }

    private static Signer open(
            Path path,
            char[] password,
            String issuingAlias,
            String rootAlias,
            Span certificateValidity,
            Instant now,
            boolean retired) {
        if (!Files.isReadable(path)) {
            throw refused(path, "the file does not exist or cannot be read");
        }
        KeyStore keystore;
        try (InputStream in = Files.newInputStream(path)) {
            keystore = KeyStore.getInstance("PKCS12");
            keystore.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            // The message of a wrong password is "keystore password was incorrect": safe to show.
            throw refused(path, "it cannot be opened as PKCS#12 with the configured password (" + e.getMessage() + ")");
        }
        try {
            Key key = keystore.getKey(issuingAlias, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw refused(path, "it has no private key entry '" + issuingAlias + "'");
            }
            Certificate[] chain = keystore.getCertificateChain(issuingAlias);
            if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate issuing)) {
                throw refused(path, "the entry '" + issuingAlias + "' has no X.509 certificate");
            }
            X509Certificate root = chain.length > 1
                    ? (X509Certificate) chain[chain.length - 1]
                    : (X509Certificate) keystore.getCertificate(rootAlias);
            if (root == null) {
                throw refused(
                        path,
                        "neither the chain of '" + issuingAlias + "' nor the entry '" + rootAlias
                                + "' holds the root certificate");
            }
            if (retired) {
                CaCheck.checkRetired("the retired CA keystore " + path, privateKey, null, issuing, root);
            } else {
                CaCheck.check("the CA keystore " + path, privateKey, null, issuing, root, certificateValidity, now);
            }
            log.info(
                    "{} keystore {} opened: issuing CA '{}' valid until {}, root '{}'",
                    retired ? "Retired CA" : "CA",
                    path,
                    issuing.getSubjectX500Principal().getName(),
                    issuing.getNotAfter().toInstant(),
                    root.getSubjectX500Principal().getName());
            return new KeystoreSigner(privateKey, issuing, root);
        } catch (GeneralSecurityException e) {
            throw refused(path, "its issuing entry cannot be read (" + e.getMessage() + ")");
        }
    }

    private static IllegalStateException refused(Path path, String why) {
        return CaCheck.refused("the CA keystore " + path, why);
    }
}
