package io.inkan.issuance.authority;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A {@link Signer} over a private key loaded from a PKCS#12 keystore. */
final class KeystoreSigner implements Signer {
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final String algorithm;

    KeystoreSigner(PrivateKey key, X509Certificate issuing, X509Certificate root) {
        this.key = key;
        this.chain = List.of(issuing, root);
        this.algorithm = SignatureAlgorithms.forKey(issuing.getPublicKey());
    }

    /** The key itself, for the checks a CA passes before it is used. */
    PrivateKey key() {
        return key;
    }

    @Override
    public X509Certificate issuingCertificate() {
        return chain.getFirst();
    }

    @Override
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public ContentSigner contentSigner() {
        try {
            return new JcaContentSignerBuilder(algorithm).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("The issuing CA key cannot sign " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return "KeystoreSigner[" + issuingCertificate().getSubjectX500Principal() + "]";
    }
}
