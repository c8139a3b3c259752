package io.inkan.cli;

import io.inkan.testsupport.Csrs;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** A root and an issuing CA as issuance-service has them, able to issue and to answer OCSP. */
final class TestCa {
    private static final AtomicLong SERIALS = new AtomicLong(0x1000);

    final KeyPair rootKeys = Csrs.p256();
    final X509Certificate root;
    final KeyPair issuingKeys = Csrs.p256();
    final X509Certificate issuing;

    TestCa() {
        X500Name rootName = new X500Name("CN=Inkan Test Root CA,O=Inkan Bank");
        root = sign(rootName, rootName, rootKeys.getPublic(), rootKeys, true, Duration.ofDays(3650));
        issuing = sign(
                new X500Name("CN=Inkan Test Issuing CA,O=Inkan Bank"),
                rootName,
                issuingKeys.getPublic(),
                rootKeys,
                true,
                Duration.ofDays(1825));
    }

    X509Certificate issue(PublicKey key, String subject) {
        return sign(
                new X500Name(subject),
                X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded()),
                key,
                issuingKeys,
                false,
                Duration.ofDays(365));
    }

    /** Issuing CA then root, as {@code /ca/chain.pem}. */
    String chainPem() {
        return Csrs.pem(issuing) + Csrs.pem(root);
    }

    /** The DER OCSP response to {@code requestDer}: {@code status} for every certificate asked about. */
    byte[] ocspResponse(byte[] requestDer, CertificateStatus status) throws Exception {
        OCSPReq request = new OCSPReq(requestDer);
        var builder = new JcaBasicOCSPRespBuilder(
                issuingKeys.getPublic(),
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1));
        for (Req single : request.getRequestList()) {
            builder.addResponse(single.getCertID(), status);
        }
        BasicOCSPResp basic = builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuingKeys.getPrivate()),
                new X509CertificateHolder[] {new JcaX509CertificateHolder(issuing)},
                new Date());
        OCSPResp response = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
        return response.getEncoded();
    }

    private static X509Certificate sign(
            X500Name subject, X500Name issuer, PublicKey key, KeyPair signer, boolean ca, Duration validity) {
        try {
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(SERIALS.incrementAndGet())
                            .shiftLeft(64)
                            .add(BigInteger.valueOf(now.toEpochMilli())),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(validity)),
                    subject,
                    key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
