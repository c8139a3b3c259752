package io.inkan.issuance.authority;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A CA made by issuance-service's own {@link CaGenerator}, signing through its production {@link KeystoreSigner},
 * without a keystore file. Lives in the service's package (in the benchmarks module) because both are
 * package-private there; the benchmarks reach them only through this class.
 *
 * @param signer what the issuance cycle signs with
 * @param issuingKey the same private key, for the bare BouncyCastle baseline
 * @param signatureAlgorithm the algorithm production signs with for this key (SHA256withECDSA for P-256)
 */
public record LocalAuthority(Signer signer, PrivateKey issuingKey, String signatureAlgorithm) {

    /** A root and an issuing CA as the local stack generates them on first start. */
    public static LocalAuthority generate(CaKeyAlgorithm algorithm, Instant now) {
        CaGenerator.Ca ca = CaGenerator.generate(algorithm, now);
        return new LocalAuthority(
                new KeystoreSigner(ca.issuingKeys().getPrivate(), ca.issuing(), ca.root()),
                ca.issuingKeys().getPrivate(),
                SignatureAlgorithms.forKey(ca.issuing().getPublicKey()));
    }

    public X509Certificate issuingCertificate() {
        return signer.issuingCertificate();
    }

    public PublicKey issuingPublicKey() {
        return signer.issuingCertificate().getPublicKey();
    }

    @Override
    public String toString() {
        return "LocalAuthority[" + signer + ", " + signatureAlgorithm + "]"; // never the key
    }
}
