package io.inkan.issuance.revocation;

import io.inkan.events.RevocationReason;
import io.inkan.issuance.authority.Signer;
import io.inkan.issuance.certificate.CertificateQueries;
import io.inkan.issuance.certificate.CertificateRecord;
import io.inkan.issuance.certificate.CertificateStatus;
import io.inkan.issuance.policy.IssuanceProperties;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An RFC 6960 responder for this CA's certificates, signing with the issuing CA itself (so relying parties need no
 * delegated responder certificate). good / revoked (time, reason) / unknown; a request's nonce is echoed.
 */
@Component
class OcspResponder {
    private static final Logger log = LoggerFactory.getLogger(OcspResponder.class);

    private final CertificateQueries certificates;
    private final Signer signer;
    private final IssuanceProperties issuance;
    private final Clock clock;
    private final X509CertificateHolder issuer;
    private final DigestCalculatorProvider digests;

    OcspResponder(CertificateQueries certificates, Signer signer, IssuanceProperties issuance, Clock clock) {
        this.certificates = certificates;
        this.signer = signer;
        this.issuance = issuance;
        this.clock = clock;
        try {
            this.issuer = new JcaX509CertificateHolder(signer.issuingCertificate());
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (CertificateEncodingException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] respond(byte[] requestDer) {
        OCSPReq request;
        try {
            request = new OCSPReq(requestDer);
            if (request.getRequestList().length == 0) {
                return status(OCSPRespBuilder.MALFORMED_REQUEST);
            }
        } catch (IOException | RuntimeException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        try {
            Instant now = clock.instant();
            Date thisUpdate = Date.from(now);
            Date nextUpdate = Date.from(issuance.ocspValidity().addTo(now));
            var builder = new BasicOCSPRespBuilder(
                    new RespID(issuer.getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1)));
            for (Req one : request.getRequestList()) {
                CertificateID id = one.getCertID();
                builder.addResponse(id, statusOf(id), thisUpdate, nextUpdate, null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            var basic = builder.build(signer.contentSigner(), null, thisUpdate);
            return new OCSPRespBuilder()
                    .build(OCSPRespBuilder.SUCCESSFUL, basic)
                    .getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException e) {
            log.warn("OCSP answer failed: {}", e.toString());
            return status(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    private org.bouncycastle.cert.ocsp.CertificateStatus statusOf(CertificateID id) throws OCSPException {
        if (!id.matchesIssuer(issuer, digests)) {
            return new UnknownStatus();
        }
        Optional<CertificateRecord> found =
                certificates.find(id.getSerialNumber().toString(16));
        if (found.isEmpty()) {
            return new UnknownStatus();
        }
        CertificateRecord certificate = found.get();
        if (certificate.status() == CertificateStatus.REVOKED) {
            return new RevokedStatus(
                    Date.from(certificate.revokedAt()),
                    RevocationReason.fromName(certificate.revocationReason()).code());
        }
        return org.bouncycastle.cert.ocsp.CertificateStatus.GOOD;
    }

    private static byte[] status(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static OCSPResp parse(byte[] der) throws IOException {
        return new OCSPResp(der);
    }
}
