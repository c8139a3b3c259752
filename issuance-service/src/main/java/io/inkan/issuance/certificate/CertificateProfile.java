package io.inkan.issuance.certificate;

import io.inkan.issuance.policy.CertificateProperties;
import io.inkan.issuance.policy.IssuanceProperties;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509ExtensionUtils;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Step 4: the certificate as the bank's profile (docs/contract.md §5) says, whatever the CSR asked for. Only the CSR's
 * public key is taken from it.
 */
final class CertificateProfile {
    private final CertificateProperties certificate;
    private final String url;
    private final String ocspUrl;

    CertificateProfile(CertificateProperties certificate, IssuanceProperties issuance) {
        this.certificate = certificate;
        this.url = issuance.url();
        this.ocspUrl = issuance.ocspUrl();
    }

    /** The subject of a user's certificate, from {@code inkan.certificate.subject}. */
    X500Principal subject(String contractId, String userId) {
        String dn = certificate
                .subject()
                .replace("{contractId}", escape(contractId))
                .replace("{userId}", escape(userId));
        return new X500Principal(dn);
    }

    Instant notAfter(Instant notBefore) {
        return certificate.validity().addTo(notBefore);
    }

    /** @param crlPath where the issuer's CRL is under {@code inkan.issuance.url} ({@code IssuingCas#crlPath}) */
    X509v3CertificateBuilder template(
            X509Certificate issuer,
            String crlPath,
            BigInteger serial,
            X500Principal subject,
            SubjectPublicKeyInfo publicKey,
            Instant notBefore) {
        try {
            X509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                    X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                    serial,
                    Date.from(notBefore),
                    Date.from(notAfter(notBefore)),
                    X500Name.getInstance(subject.getEncoded()),
                    publicKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(issuer, utils));
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(
                        new DistributionPointName(new GeneralNames(
                                new GeneralName(GeneralName.uniformResourceIdentifier, url + crlPath))),
                        null,
                        null)
            }));
            builder.addExtension(
                    Extension.authorityInfoAccess,
                    false,
                    new AuthorityInformationAccess(new AccessDescription(
                            AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
            return builder;
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot build the certificate profile", e);
        }
    }

    /** The issuer's own key identifier when it has one (a CA made elsewhere may compute it differently). */
    private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate issuer, X509ExtensionUtils utils)
            throws CertIOException {
        byte[] extension = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension != null) {
            try {
                byte[] keyId = ASN1OctetString.getInstance(
                                ASN1OctetString.getInstance(extension).getOctets())
                        .getOctets();
                return new AuthorityKeyIdentifier(keyId);
            } catch (IllegalArgumentException e) {
                throw new CertIOException("unreadable subjectKeyIdentifier of the issuing CA", e);
            }
        }
        return utils.createAuthorityKeyIdentifier(
                SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded()));
    }

    /** RFC 4514 escaping of an attribute value, so that an ID cannot add attributes to the subject. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean special = ",+\"\\<>;=".indexOf(c) >= 0
                    || (i == 0 && (c == '#' || c == ' '))
                    || (i == value.length() - 1 && c == ' ');
            if (special) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
