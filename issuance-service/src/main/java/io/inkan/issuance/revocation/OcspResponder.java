package io.inkan.issuance.revocation;

import io.inkan.events.RevocationReason;
import io.inkan.issuance.authority.IssuingCas;
import io.inkan.issuance.authority.Signer;
import io.inkan.issuance.certificate.CertificateQueries;
import io.inkan.issuance.certificate.CertificateRecord;
import io.inkan.issuance.certificate.CertificateStatus;
import io.inkan.issuance.policy.IssuanceProperties;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An RFC 6960 responder for this CA's certificates that follows the RFC 5019 profile, signing with the issuing CA
 * itself (so relying parties need no delegated responder certificate), built so that a flood of requests cannot
 * make it sign a flood of answers:
 *
 * <ul>
 *   <li><b>Signed once per certificate state.</b> The answer for a set of CertIDs is signed once and kept (in
 *       memory, at most {@code inkan.issuance.ocsp-cache-size} answers, least recently used first out) until half of
 *       its validity ({@code inkan.issuance.ocsp-validity}, thisUpdate..nextUpdate) has passed; then the next request
 *       signs a fresh one. The state of each certificate (good, or revoked with time and reason) is part of the key
 *       and is read from the database on every request, one indexed row: a revocation made by any instance is
 *       answered at once by every instance, which an in-process event could not promise, and the old answer simply
 *       falls out of the cache. Expiry does not change what OCSP says (good until revoked), so it signs nothing new.
 *   <li><b>Nonces are ignored</b> (RFC 5019 §4): a request with a nonce gets the cached answer, without the nonce.
 *       Echoing it would mean a signature per request. Relying parties check thisUpdate/nextUpdate instead.
 *   <li><b>What this CA never issued is not signed for.</b> A CertID of another issuer or of a serial number not in
 *       the database gets {@code unauthorized} (RFC 5019 §2.2.3: no authoritative record), a fixed unsigned answer,
 *       so random serial numbers cost one database lookup each and no signature.
 *   <li><b>At most {@value #MAX_CERT_IDS} CertIDs</b> per request; more, none, or an unreadable request is
 *       {@code malformedRequest}.
 * </ul>
 */
@Component
class OcspResponder {
    /** RFC 5019 clients send one; a few are allowed for RFC 6960 clients that batch a chain. */
    static final int MAX_CERT_IDS = 4;

    private static final Logger log = LoggerFactory.getLogger(OcspResponder.class);
    private static final byte[] MALFORMED = unsigned(OCSPRespBuilder.MALFORMED_REQUEST);
    private static final byte[] UNAUTHORIZED = unsigned(OCSPRespBuilder.UNAUTHORIZED);
    private static final byte[] INTERNAL_ERROR = unsigned(OCSPRespBuilder.INTERNAL_ERROR);

    private final CertificateQueries certificates;
    private final IssuingCas cas;
    private final IssuanceProperties issuance;
    private final Clock clock;
    /** Each CA's certificate as BouncyCastle matches CertIDs against it, by key ID. */
    private final Map<String, X509CertificateHolder> issuers = new ConcurrentHashMap<>();

    private final DigestCalculatorProvider digests;
    private final SignedAnswers signed;

    OcspResponder(
            CertificateQueries certificates,
            IssuingCas cas,
            IssuanceProperties issuance,
            Clock clock,
            @Value("${inkan.issuance.ocsp-cache-size:10000}") int cacheSize) {
        this.certificates = certificates;
        this.cas = cas;
        this.issuance = issuance;
        this.clock = clock;
        this.signed = new SignedAnswers(cacheSize);
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What an OCSP response carries over HTTP. {@code thisUpdate}, {@code nextUpdate}, {@code refreshAt} and
     * {@code etag} are set only for a signed (successful) answer.
     */
    record Answer(byte[] der, Outcome outcome, Instant thisUpdate, Instant nextUpdate, Instant refreshAt, String etag) {
        static Answer unsigned(byte[] der, Outcome outcome) {
            return new Answer(der, outcome, null, null, null, null);
        }

        boolean signed() {
            return outcome == Outcome.SIGNED;
        }
    }

    enum Outcome {
        SIGNED,
        MALFORMED,
        UNAUTHORIZED,
        INTERNAL_ERROR
    }

    Answer respond(byte[] requestDer) {
        List<CertificateID> ids = new ArrayList<>();
        try {
            OCSPReq request = new OCSPReq(requestDer);
            Req[] list = request.getRequestList();
            if (list.length == 0 || list.length > MAX_CERT_IDS) {
                return Answer.unsigned(MALFORMED, Outcome.MALFORMED);
            }
            for (Req one : list) {
                ids.add(one.getCertID());
            }
        } catch (IOException | RuntimeException e) {
            return Answer.unsigned(MALFORMED, Outcome.MALFORMED);
        }
        try {
            StringBuilder key = new StringBuilder();
            List<Optional<RevokedStatus>> states = new ArrayList<>();
            // One answer has one signer: every CertID must name the same CA, which signs for its own certificates.
            Signer signer = null;
            for (CertificateID id : ids) {
                Optional<Signer> ca = issuerOf(id);
                if (ca.isEmpty()
                        || (signer != null && !signer.keyId().equals(ca.get().keyId()))) {
                    return Answer.unsigned(UNAUTHORIZED, Outcome.UNAUTHORIZED);
                }
                signer = ca.get();
                Optional<CertificateRecord> certificate = issuedBy(signer, id);
                if (certificate.isEmpty()) {
                    return Answer.unsigned(UNAUTHORIZED, Outcome.UNAUTHORIZED);
                }
                Optional<RevokedStatus> revoked = revocationOf(certificate.get());
                states.add(revoked);
                key.append(Base64.getEncoder()
                                .encodeToString(id.toASN1Primitive().getEncoded()))
                        .append('=')
                        .append(revoked.map(r -> "revoked:" + certificate.get().revokedAt() + ":"
                                        + certificate.get().revocationReason())
                                .orElse("good"))
                        .append(';');
            }
            Instant now = clock.instant();
            Signer by = signer;
            return signed.get(key.toString(), now, () -> sign(by, ids, states, now));
        } catch (IOException | OCSPException | RuntimeException e) {
            log.warn("OCSP answer failed: {}", e.toString());
            return Answer.unsigned(INTERNAL_ERROR, Outcome.INTERNAL_ERROR);
        }
    }

    /**
     * The known CA a CertID names by its issuerNameHash and issuerKeyHash. A CA this instance does not know yet (rolled
     * to by another instance a moment ago) is looked for again where the CAs are kept, once.
     */
    private Optional<Signer> issuerOf(CertificateID id) throws OCSPException {
        Optional<Signer> known = matching(id);
        if (known.isEmpty()) {
            cas.refresh();
            known = matching(id);
        }
        return known;
    }

    private Optional<Signer> matching(CertificateID id) throws OCSPException {
        for (Signer ca : cas.all()) {
            if (id.matchesIssuer(holder(ca), digests)) {
                return Optional.of(ca);
            }
        }
        return Optional.empty();
    }

    /** The certificate a CertID names, if {@code ca} issued it. */
    private Optional<CertificateRecord> issuedBy(Signer ca, CertificateID id) {
        return certificates
                .find(id.getSerialNumber().toString(16))
                .filter(certificate -> ca.keyId().equals(certificate.issuerKeyId()));
    }

    private X509CertificateHolder holder(Signer ca) {
        return issuers.computeIfAbsent(ca.keyId(), keyId -> {
            try {
                return new JcaX509CertificateHolder(ca.issuingCertificate());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Optional<RevokedStatus> revocationOf(CertificateRecord certificate) {
        if (certificate.status() != CertificateStatus.REVOKED) {
            return Optional.empty();
        }
        return Optional.of(new RevokedStatus(
                Date.from(certificate.revokedAt()),
                RevocationReason.fromName(certificate.revocationReason()).code()));
    }

    private Answer sign(Signer signer, List<CertificateID> ids, List<Optional<RevokedStatus>> states, Instant now) {
        try {
            Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
            Instant nextUpdate = issuance.ocspValidity().addTo(thisUpdate);
            Instant refreshAt =
                    thisUpdate.plus(Duration.between(thisUpdate, nextUpdate).dividedBy(2));
            var builder = new BasicOCSPRespBuilder(
                    new RespID(holder(signer).getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1)));
            for (int i = 0; i < ids.size(); i++) {
                org.bouncycastle.cert.ocsp.CertificateStatus status = states.get(i)
                        .<org.bouncycastle.cert.ocsp.CertificateStatus>map(r -> r)
                        .orElse(org.bouncycastle.cert.ocsp.CertificateStatus.GOOD);
                builder.addResponse(ids.get(i), status, Date.from(thisUpdate), Date.from(nextUpdate), null);
            }
            var basic = builder.build(signer.contentSigner(), null, Date.from(thisUpdate));
            byte[] der = new OCSPRespBuilder()
                    .build(OCSPRespBuilder.SUCCESSFUL, basic)
                    .getEncoded();
            return new Answer(der, Outcome.SIGNED, thisUpdate, nextUpdate, refreshAt, etag(der));
        } catch (OCSPException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot sign an OCSP answer", e);
        }
    }

    /** A strong validator: the SHA-256 of the answer's bytes. */
    private static String etag(byte[] der) {
        try {
            return "\""
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(der)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
