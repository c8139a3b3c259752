package io.inkan.issuance.authority;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * How the service names an issuing CA: the SHA-1 of its public key's bits, lowercase hex (RFC 5280 §4.2.1.2 method 1).
 * It is the issuerKeyHash an OCSP request's CertID carries, it does not change when a CA certificate is renewed for the
 * same key, and it is computed the same way whoever made the CA (a bank's CA may compute its subjectKeyIdentifier
 * otherwise).
 */
public final class KeyIds {
    private KeyIds() {}

    public static String of(X509Certificate ca) {
        try {
            byte[] bits = SubjectPublicKeyInfo.getInstance(ca.getPublicKey().getEncoded())
                    .getPublicKeyData()
                    .getBytes();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bits));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
