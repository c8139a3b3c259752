package io.inkan.issuance.authority;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** The signature algorithm a CA key signs with: the hash matches the curve's strength. */
final class SignatureAlgorithms {
    private SignatureAlgorithms() {}

    static String forKey(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            return bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
        }
        if (key instanceof RSAPublicKey) {
            return "SHA256withRSA";
        }
        throw new IllegalArgumentException("A CA key must be EC or RSA, not " + key.getAlgorithm());
    }
}
