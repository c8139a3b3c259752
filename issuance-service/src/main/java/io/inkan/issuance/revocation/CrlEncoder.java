package io.inkan.issuance.revocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.operator.ContentSigner;

/**
 * Encodes and signs a CRL (RFC 5280 §5) with the fields BouncyCastle's {@code X509v2CRLBuilder} writes, byte for byte
 * in what is signed, at a fraction of its cost for a long list. The builder is signed again in every transaction that
 * revokes, with every revoked and unexpired certificate of the CA: under a load of renewals (each revoking the one it
 * supersedes) it was 17 % of the whole stack's CPU, most of it making each entry's date through a new
 * {@code SimpleDateFormat}, then encoding the list twice (once to sign, once to store). Here each date is written
 * with one shared formatter, the reason-code extensions are made once, and the signed part is put together from the
 * entries' own encodings, which the signer may keep from one CRL to the next ({@link #signEncoded}).
 */
final class CrlEncoder {
    /** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, as BouncyCastle's {@code Time} does. */
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final int UTC_TAG = 0x17;
    private static final int GENERALIZED_TAG = 0x18;
    private static final int SEQUENCE = 0x30;
    private static final int EXPLICIT_0 = 0xA0;
    /** version v2, INTEGER 1: a CRL with extensions. */
    private static final byte[] VERSION_2 = {0x02, 0x01, 0x01};
    /** The DER of each reason's reasonCode entry extension, made once. */
    private static final byte[][] REASON_CODES = reasonCodes();

    private CrlEncoder() {}

    /** One revoked certificate: serial, when, and the RFC 5280 reason code (0, unspecified, writes no extension). */
    record Entry(BigInteger serialNumber, Instant revokedAt, int reasonCode) {
        /** This entry as the CRL lists it: SEQUENCE { serial, revocationDate, [reasonCode extension] }. */
        byte[] der() {
            try {
                byte[] serial = new ASN1Integer(serialNumber).getEncoded(ASN1Encoding.DER);
                byte[] date = time(revokedAt).getEncoded(ASN1Encoding.DER);
                return reasonCode == CRLReason.unspecified
                        ? tagged(SEQUENCE, List.of(serial, date))
                        : tagged(SEQUENCE, List.of(serial, date, REASON_CODES[reasonCode]));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode a CRL entry", e);
            }
        }
    }

    /**
     * The DER of a v2 CRL: issuer, thisUpdate, nextUpdate, the entries in the order given, then the CRL extensions,
     * signed by {@code signer}.
     */
    static byte[] sign(
            X500Name issuer,
            Instant thisUpdate,
            Instant nextUpdate,
            List<Entry> entries,
            Extensions crlExtensions,
            ContentSigner signer) {
        return signEncoded(
                issuer, thisUpdate, nextUpdate, entries.stream().map(Entry::der).toList(), crlExtensions, signer);
    }

    /**
     * As {@link #sign}, with each entry already encoded ({@link Entry#der()}): a CRL signed again lists mostly the
     * entries of the one before, so its signer keeps their encodings instead of making them again.
     */
    static byte[] signEncoded(
            X500Name issuer,
            Instant thisUpdate,
            Instant nextUpdate,
            List<byte[]> entries,
            Extensions crlExtensions,
            ContentSigner signer) {
        try {
            byte[] algorithm = signer.getAlgorithmIdentifier().getEncoded(ASN1Encoding.DER);
            // TBSCertList (RFC 5280 §5.1), in the order and with the optional parts BouncyCastle's generator writes
            List<byte[]> fields = new ArrayList<>(7);
            fields.add(VERSION_2);
            fields.add(algorithm);
            fields.add(issuer.getEncoded(ASN1Encoding.DER));
            fields.add(time(thisUpdate).getEncoded(ASN1Encoding.DER));
            fields.add(time(nextUpdate).getEncoded(ASN1Encoding.DER));
            if (!entries.isEmpty()) {
                fields.add(tagged(SEQUENCE, entries));
            }
            if (crlExtensions != null) {
                fields.add(tagged(EXPLICIT_0, List.of(crlExtensions.getEncoded(ASN1Encoding.DER))));
            }
            byte[] toBeSigned = tagged(SEQUENCE, fields);
            try (OutputStream out = signer.getOutputStream()) {
                out.write(toBeSigned);
            }
            byte[] signature = new DERBitString(signer.getSignature()).getEncoded(ASN1Encoding.DER);
            return tagged(SEQUENCE, List.of(toBeSigned, algorithm, signature));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the CRL", e);
        }
    }

    /** {@code time} as BouncyCastle's {@code new Time(Date)} writes it, without its per-call date formats. */
    static Time time(Instant time) {
        int year = ZonedDateTime.ofInstant(time, ZoneOffset.UTC).getYear();
        boolean utc = year >= 1950 && year <= 2049;
        String text = (utc ? UTC_TIME : GENERALIZED_TIME).format(time);
        byte[] der = new byte[text.length() + 2];
        der[0] = (byte) (utc ? UTC_TAG : GENERALIZED_TAG);
        der[1] = (byte) text.length();
        for (int i = 0; i < text.length(); i++) {
            der[i + 2] = (byte) text.charAt(i);
        }
        ASN1Primitive primitive = utc ? ASN1UTCTime.getInstance(der) : ASN1GeneralizedTime.getInstance(der);
        return new Time(primitive);
    }

    /** A DER element of {@code tag} holding already encoded elements. */
    private static byte[] tagged(int tag, List<byte[]> elements) {
        int length = 0;
        for (byte[] element : elements) {
            length += element.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] element : elements) {
            out.writeBytes(element);
        }
        return out.toByteArray();
    }

    private static byte[][] reasonCodes() {
        byte[][] codes = new byte[11][];
        for (int code = 0; code < codes.length; code++) {
            if (code == 7) {
                continue; // not assigned in RFC 5280
            }
            try {
                codes[code] = new Extensions(new Extension(
                                Extension.reasonCode,
                                false,
                                CRLReason.lookup(code).getEncoded(ASN1Encoding.DER)))
                        .getEncoded(ASN1Encoding.DER);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return codes;
    }
}
