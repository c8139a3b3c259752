package io.inkan.issuance.authority;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A {@link Signer} whose key stays on a PKCS#11 token: {@code key} is only a handle, and every signature is made by
 * the token through the provider that opened it.
 */
final class Pkcs11Signer implements Signer {
    private final Provider token;
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final String algorithm;

    Pkcs11Signer(Provider token, PrivateKey key, X509Certificate issuing, X509Certificate root) {
        this.token = token;
        this.key = key;
        this.chain = List.of(issuing, root);
        this.algorithm = SignatureAlgorithms.forKey(issuing.getPublicKey());
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
            return new JcaContentSignerBuilder(algorithm).setProvider(token).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("The issuing CA key on the token cannot sign " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return "Pkcs11Signer[" + token.getName() + ", " + issuingCertificate().getSubjectX500Principal() + "]";
    }
}
