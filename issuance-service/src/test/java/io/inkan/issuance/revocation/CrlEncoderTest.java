package io.inkan.issuance.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.issuance.authority.TestCa;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The CRL a relying party downloads is the one BouncyCastle's builder would have signed: the signed part byte for
 * byte (every entry's serial, date and reason, the dates on both sides of 2050, lists long enough for multi-byte
 * lengths), a signature that verifies with the CA's key, and entries the JDK reads back.
 */
class CrlEncoderTest {
    private static final Instant NOW = Instant.parse("2026-12-04T03:04:05.678Z");
    private static final TestCa CA = TestCa.generate(NOW.minus(Duration.ofDays(1)));

    @Test
    void signsWhatBouncyCastlesBuilderSignsForAnEmptyAndALongList() throws Exception {
        for (int size : new int[] {0, 1, 3, 2500}) {
            List<CrlEncoder.Entry> entries = entries(size);
            Instant nextUpdate = NOW.plus(Duration.ofDays(7));

            byte[] ours = CrlEncoder.sign(issuer(), NOW, nextUpdate, entries, extensions(42), signer());

            assertThat(tbs(ours)).as("%d entries", size).isEqualTo(tbs(byBouncyCastle(entries, nextUpdate, 42)));
            assertThat(CertificateList.getInstance(ours).getEncoded(ASN1Encoding.DER))
                    .as("DER, as re-encoded")
                    .isEqualTo(ours);
            X509CRL crl = jdk(ours);
            crl.verify(CA.issuing().getPublicKey());
            assertThat(
                            crl.getRevokedCertificates() == null
                                    ? 0
                                    : crl.getRevokedCertificates().size())
                    .isEqualTo(size);
        }
    }

    @Test
    void writesEachEntrysSerialDateAndReasonAsTheJdkReadsThem() throws Exception {
        Instant revoked = Instant.parse("2026-11-30T23:59:58Z");
        List<CrlEncoder.Entry> entries = List.of(
                new CrlEncoder.Entry(new BigInteger("abcdef0123456789abcdef0123456789", 16), revoked, 1),
                new CrlEncoder.Entry(BigInteger.valueOf(7), revoked.plusSeconds(1), CRLReason.unspecified));

        X509CRL crl =
                jdk(CrlEncoder.sign(issuer(), NOW, NOW.plus(Duration.ofDays(7)), entries, extensions(1), signer()));

        X509CRLEntry compromised = crl.getRevokedCertificate(new BigInteger("abcdef0123456789abcdef0123456789", 16));
        assertThat(compromised.getRevocationDate()).isEqualTo(Date.from(revoked));
        assertThat(compromised.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        X509CRLEntry unspecified = crl.getRevokedCertificate(BigInteger.valueOf(7));
        assertThat(unspecified.getRevocationReason())
                .as("no reason extension for unspecified")
                .isNull();
        assertThat(crl.getThisUpdate()).isEqualTo(Date.from(Instant.parse("2026-12-04T03:04:05Z")));
    }

    @Test
    void writesDatesFrom2050AsGeneralizedTimeAsBouncyCastleDoes() throws Exception {
        List<CrlEncoder.Entry> entries = List.of(
                new CrlEncoder.Entry(BigInteger.TEN, Instant.parse("2049-12-31T23:59:59Z"), 4),
                new CrlEncoder.Entry(BigInteger.TWO, Instant.parse("2050-01-01T00:00:00Z"), 5));
        Instant nextUpdate = Instant.parse("2051-06-01T00:00:00Z");

        byte[] ours = CrlEncoder.sign(issuer(), NOW, nextUpdate, entries, extensions(3), signer());

        assertThat(tbs(ours)).isEqualTo(tbs(byBouncyCastle(entries, nextUpdate, 3)));
        assertThat(jdk(ours).getNextUpdate()).isEqualTo(Date.from(nextUpdate));
    }

    private static List<CrlEncoder.Entry> entries(int size) {
        int[] reasons = {0, 1, 3, 4, 5, 6, 8, 9, 10, 2};
        List<CrlEncoder.Entry> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            entries.add(new CrlEncoder.Entry(
                    new BigInteger(
                            1, BigInteger.valueOf(i * 7919L + 1).shiftLeft(100).toByteArray()),
                    NOW.minus(Duration.ofSeconds(i * 37L)).minusMillis(i),
                    reasons[i % reasons.length]));
        }
        return entries;
    }

    private static byte[] byBouncyCastle(List<CrlEncoder.Entry> entries, Instant nextUpdate, long number)
            throws Exception {
        var builder = new X509v2CRLBuilder(issuer(), Date.from(NOW));
        builder.setNextUpdate(Date.from(nextUpdate));
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
        builder.addExtension(
                Extension.authorityKeyIdentifier,
                false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(new JcaX509CertificateHolder(CA.issuing())));
        for (CrlEncoder.Entry entry : entries) {
            builder.addCRLEntry(entry.serialNumber(), Date.from(entry.revokedAt()), entry.reasonCode());
        }
        return builder.build(signer()).getEncoded();
    }

    private static Extensions extensions(long number) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
        extensions.addExtension(
                Extension.authorityKeyIdentifier,
                false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(new JcaX509CertificateHolder(CA.issuing())));
        return extensions.generate();
    }

    private static X500Name issuer() {
        return X500Name.getInstance(CA.issuing().getSubjectX500Principal().getEncoded());
    }

    private static ContentSigner signer() throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA")
                .build(CA.issuingKeys().getPrivate());
    }

    private static byte[] tbs(byte[] crl) throws Exception {
        return CertificateList.getInstance(crl).getTBSCertList().getEncoded(ASN1Encoding.DER);
    }

    private static X509CRL jdk(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }
}
