package io.inkan.issuance.certificate;

import io.inkan.events.RejectionReason;
import java.io.IOException;
import java.io.StringReader;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Step 2 of the issuance cycle, the part that needs no database: the CSR parses, its key is one we certify (RSA
 * 2048–4096, EC P-256 or P-384), and it is signed by that key (proof of possession).
 */
final class CsrPolicy {
    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 4096;
    private static final Set<ASN1ObjectIdentifier> CURVES =
            Set.of(SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1);

    CheckedCsr check(String csrPem) throws CsrRejected {
        PKCS10CertificationRequest csr = parse(csrPem);
        SubjectPublicKeyInfo key = csr.getSubjectPublicKeyInfo();
        checkKey(key);
        boolean verified;
        try {
            verified = signedByItsKey(csr, key);
        } catch (Exception e) {
            throw new CsrRejected(
                    RejectionReason.INVALID_CSR, "the CSR signature cannot be checked: " + e.getMessage());
        }
        if (!verified) {
            throw new CsrRejected(RejectionReason.INVALID_CSR, "the CSR is not signed by the key it carries");
        }
        return new CheckedCsr(key, sha256Hex(der(key)));
    }

    /**
     * Proof of possession, with one signature verification. BouncyCastle's {@code isSignatureValid} verifies
     * twice (measured in benchmarks/: a third of the EC issuance time), so one {@link Signature} does it where the
     * JCA knows the algorithm ({@link SignatureChecks}: BouncyCastle's for ECDSA, the JDK's for the rest);
     * BouncyCastle's {@code isSignatureValid} remains the fallback for the rest (e.g. RSASSA-PSS).
     */
    private static boolean signedByItsKey(PKCS10CertificationRequest csr, SubjectPublicKeyInfo key) throws Exception {
        String algorithm = NAMES.getAlgorithmName(csr.getSignatureAlgorithm());
        Signature signature;
        try {
            signature = SignatureChecks.verifier(algorithm);
        } catch (NoSuchAlgorithmException unknownToTheJdk) {
            return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        }
        String keyAlgorithm =
                PKCSObjectIdentifiers.rsaEncryption.equals(key.getAlgorithm().getAlgorithm()) ? "RSA" : "EC";
        PublicKey publicKey =
                KeyFactory.getInstance(keyAlgorithm).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        signature.initVerify(publicKey);
        signature.update(csr.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER));
        return signature.verify(csr.getSignature());
    }

    private static final DefaultAlgorithmNameFinder NAMES = new DefaultAlgorithmNameFinder();

    private static PKCS10CertificationRequest parse(String csrPem) throws CsrRejected {
        if (csrPem == null || csrPem.isBlank()) {
            throw new CsrRejected(RejectionReason.INVALID_CSR, "no CSR");
        }
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            Object object = parser.readObject();
            if (object instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
            throw new CsrRejected(RejectionReason.INVALID_CSR, "not a PEM PKCS#10 certificate request");
        } catch (IOException | RuntimeException e) {
            throw new CsrRejected(RejectionReason.INVALID_CSR, "the CSR cannot be parsed: " + e.getMessage());
        }
    }

    private static void checkKey(SubjectPublicKeyInfo key) throws CsrRejected {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        try {
            if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
                int bits = RSAPublicKey.getInstance(key.parsePublicKey())
                        .getModulus()
                        .bitLength();
                if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                    throw new CsrRejected(
                            RejectionReason.WEAK_KEY,
                            "RSA keys of " + MIN_RSA_BITS + " to " + MAX_RSA_BITS + " bits are accepted, not " + bits);
                }
                return;
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
                if (!(key.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)
                        || !CURVES.contains(curve)) {
                    throw new CsrRejected(RejectionReason.WEAK_KEY, "EC keys on P-256 or P-384 only");
                }
                return;
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CsrRejected(RejectionReason.INVALID_CSR, "the CSR's public key cannot be read");
        }
        throw new CsrRejected(RejectionReason.WEAK_KEY, "RSA or EC keys only, not " + algorithm.getId());
    }

    private static byte[] der(SubjectPublicKeyInfo key) throws CsrRejected {
        try {
            return key.getEncoded("DER");
        } catch (IOException e) {
            throw new CsrRejected(RejectionReason.INVALID_CSR, "the CSR's public key cannot be encoded");
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
