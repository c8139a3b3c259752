package io.inkan.issuance.authority;

import io.inkan.events.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.login.FailedLoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the issuing CA key on a PKCS#11 token through the JDK's SunPKCS11 provider, and refuses a token the service
 * must not sign with. Each refusal names the property to fix; none prints the PIN.
 */
final class Pkcs11Token {
    private static final Logger log = LoggerFactory.getLogger(Pkcs11Token.class);

    private Pkcs11Token() {}

    static Signer open(CaProperties.Pkcs11 token, Path chainFile, Span certificateValidity, Instant now) {
        return open(token, chainFile, List.of(), certificateValidity, now).getFirst();
    }

    /**
     * The current CA's key ({@code inkan.ca.pkcs11.key-label}), then the retired CAs' keys on the same token by their
     * labels ({@code inkan.ca.retired[n].key-label}), all through one provider.
     */
    static List<Signer> open(
            CaProperties.Pkcs11 token,
            Path chainFile,
            List<CaProperties.Retired> retired,
            Span certificateValidity,
            Instant now) {
        String label = token.keyLabel();
        if (label == null || label.isBlank()) {
            throw CaCheck.refused(
                    "the PKCS#11 token (inkan.ca.pkcs11.*)",
                    "inkan.ca.pkcs11.key-label is not set: name the issuing key on the token");
        }
        String source = "the PKCS#11 key '" + label + "' (inkan.ca.pkcs11.key-label)";
        if (token.tokenLabel() != null && !token.tokenLabel().isBlank()) {
            throw CaCheck.refused(
                    source,
                    "inkan.ca.pkcs11.token-label cannot be used: the JDK's SunPKCS11 chooses a token by slot, not by"
                            + " label; set inkan.ca.pkcs11.slot to the token's slot ID (softhsm2-util --show-slots,"
                            + " pkcs11-tool --list-slots) instead");
        }
        if (token.pin() == null || token.pin().isEmpty()) {
            throw CaCheck.refused(source, "inkan.ca.pkcs11.pin is not set: the token needs its user PIN");
        }
        if (!Files.isReadable(token.library())) {
            throw CaCheck.refused(
                    source,
                    "the PKCS#11 module " + token.library() + " (inkan.ca.pkcs11.library) does not exist or cannot"
                            + " be read");
        }
        Provider provider = provider(token, source);
        KeyStore keystore;
        try {
            keystore = KeyStore.getInstance("PKCS11", provider);
            keystore.load(null, token.pin().toCharArray());
        } catch (IOException e) {
            if (hasCause(e, FailedLoginException.class)
                    || String.valueOf(e.getMessage()).contains("PIN")) {
                throw CaCheck.refused(source, "the token refused inkan.ca.pkcs11.pin (wrong PIN?)");
            }
            throw CaCheck.refused(source, "the token cannot be opened (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw CaCheck.refused(source, "the token cannot be opened (" + e.getMessage() + ")");
        }
        List<Signer> signers = new ArrayList<>();
        signers.add(signer(provider, keystore, label, chainFile, source, certificateValidity, now, false));
        for (CaProperties.Retired old : retired) {
            signers.add(signer(
                    provider,
                    keystore,
                    old.keyLabel(),
                    old.chain(),
                    "the retired PKCS#11 key '" + old.keyLabel() + "' (inkan.ca.retired[].key-label)",
                    null,
                    now,
                    true));
        }
        return signers;
    }

    private static Signer signer(
            Provider provider,
            KeyStore keystore,
            String label,
            Path chainFile,
            String source,
            Span certificateValidity,
            Instant now,
            boolean retired) {
        try {
            Key key = keystore.getKey(label, null);
            if (!(key instanceof PrivateKey privateKey)) {
                throw CaCheck.refused(
                        source, "the token holds no private key labelled '" + label + "' (inkan.ca.pkcs11.key-label)");
            }
            Certificate[] onToken = keystore.getCertificateChain(label);
            if (onToken == null || onToken.length == 0 || !(onToken[0] instanceof X509Certificate issuing)) {
                throw CaCheck.refused(
                        source,
                        "the token holds no certificate for the key '" + label + "' (inkan.ca.pkcs11.key-label)");
            }
            X509Certificate root = onToken.length > 1 ? (X509Certificate) onToken[onToken.length - 1] : null;
            if (chainFile != null) {
                root = ChainFile.root(chainFile, issuing);
            }
            if (root == null) {
                throw CaCheck.refused(
                        source,
                        "the token holds only the issuing certificate: give the chain (issuing CA and root, PEM) in"
                                + " inkan.ca.chain");
            }
            if (retired) {
                CaCheck.checkRetired(source, privateKey, provider, issuing, root);
            } else {
                CaCheck.check(source, privateKey, provider, issuing, root, certificateValidity, now);
            }
            log.info(
                    "{} key '{}' opened on the PKCS#11 token ({}): issuing CA '{}' valid until {}, root '{}'",
                    retired ? "Retired CA" : "CA",
                    label,
                    provider.getName(),
                    issuing.getSubjectX500Principal().getName(),
                    issuing.getNotAfter().toInstant(),
                    root.getSubjectX500Principal().getName());
            return new Pkcs11Signer(provider, privateKey, issuing, root);
        } catch (GeneralSecurityException e) {
            throw CaCheck.refused(source, "the key cannot be read from the token (" + e.getMessage() + ")");
        }
    }

    /** A SunPKCS11 provider for the configured module and slot; not registered globally, used only by this signer. */
    private static Provider provider(CaProperties.Pkcs11 token, String source) {
        StringBuilder config = new StringBuilder("--name = inkan-ca\n");
        config.append("library = ").append(token.library().toAbsolutePath()).append('\n');
        if (token.slot() != null) {
            config.append("slot = ").append(token.slot()).append('\n');
        } else {
            config.append("slotListIndex = ")
                    .append(token.slotListIndex() == null ? 0 : token.slotListIndex())
                    .append('\n');
        }
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw CaCheck.refused(source, "this JDK has no SunPKCS11 provider");
        }
        try {
            return base.configure(config.toString());
        } catch (RuntimeException e) {
            throw CaCheck.refused(
                    source,
                    "the token cannot be reached (inkan.ca.pkcs11.library, inkan.ca.pkcs11.slot or"
                            + " inkan.ca.pkcs11.slot-list-index: " + rootMessage(e) + ")");
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return String.join(": ", messages.subList(Math.max(0, messages.size() - 2), messages.size()));
    }
}
