package io.inkan.issuance.authority;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.operator.ContentSigner;

/**
 * The one thing that touches the issuing CA's private key. Today a PKCS#12 keystore stands behind it; a PKCS#11
 * HSM can replace it without touching the issuance rules, because nothing else ever sees the key.
 */
public interface Signer {

    /** The certificate of the CA that signs users' certificates, CRLs and OCSP answers. */
    X509Certificate issuingCertificate();

    /** The issuing CA's certificate, then the root's. */
    List<X509Certificate> chain();

    /** A fresh signer for one signature (BouncyCastle content signers keep state while they stream). */
    ContentSigner contentSigner();

    /** The issuing CA's key identifier, which names its CRL ({@code /ca/crl/<keyId>.crl}): see {@link KeyIds}. */
    default String keyId() {
        return KeyIds.of(issuingCertificate());
    }
}
