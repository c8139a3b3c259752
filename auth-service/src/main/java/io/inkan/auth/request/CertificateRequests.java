package io.inkan.auth.request;

import io.inkan.auth.token.Session;
import io.inkan.auth.web.ApiProblem;
import io.inkan.events.CertificateRequested;
import io.inkan.events.RequestChannel;
import io.inkan.events.RequestKind;
import io.inkan.messaging.Outbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The certificate requests feature's entry: turns an authenticated user's CSR into a stored request
 * and a {@code CertificateRequested} event, in one transaction.
 *
 * <p>The kind says what the customer asked for, nothing more: RENEWAL from a session opened with a
 * certificate (the menu's renewal), NEW with ID and password. issuance-service alone decides what it issues
 * (a reissue, a renewal after expiry, a new certificate) from the rights it owns. So a request with ID and
 * password is not refused here for what the user holds, in either issuance mode: issuance-service rejects it
 * ({@code NOT_AUTHORIZED}) or issues. What auth-service checks before passing a request on is who asks: the
 * credentials (with the lock-out), or a user token that is valid and not older than the user's last reissue,
 * revocation or lock-out.
 */
@Service
public class CertificateRequests {
    private static final Logger log = LoggerFactory.getLogger(CertificateRequests.class);

    /** How long a retry with the same Idempotency-Key answers the first POST. */
    static final Duration IDEMPOTENCY_KEY_RETENTION = Duration.ofHours(24);

    private final RequestRepository requests;
    private final Outbox outbox;
    private final Clock clock;

    CertificateRequests(RequestRepository requests, Outbox outbox, Clock clock) {
        this.requests = requests;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A new unguessable request ID: a random (version 4) UUID, 122 random bits. */
    static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /** What the customer asked for: a renewal from a certificate session, otherwise a new certificate. */
    static RequestKind kindAskedFor(Session session) {
        return session.withCertificate() ? RequestKind.RENEWAL : RequestKind.NEW;
    }

    /**
     * The door the request came through, as the issuance mail names it to the user: a user who did not ask learns
     * where their certificate was asked for.
     */
    static RequestChannel channelOf(RequestRepository.Channel channel, Session session) {
        if (channel == RequestRepository.Channel.KAFKA) {
            return RequestChannel.BANK_FRONT_END;
        }
        return session.withCertificate() ? RequestChannel.CERTIFICATE_LOGON : RequestChannel.PASSWORD_LOGON;
    }

    /**
     * A POST over HTTP that is safe to retry (docs/contract.md §4): the same user's {@code Idempotency-Key} with
     * the same body, or without a key the CSR of the user's request still PENDING or ISSUED, answers that
     * request instead of starting another. Primary keys decide between two identical POSTs at once, on any
     * instance: the loser waits for the winner's commit and answers its request.
     *
     * @param idempotencyKey the caller's key, or null
     * @return the ID of the request that answers this POST
     * @throws ApiProblem 422 {@code IDEMPOTENCY_KEY_REUSED} when the key came with another body
     */
    @Transactional
    String submitOnce(
            Session session,
            PKCS10CertificationRequest csr,
            String csrPem,
            String idempotencyKey,
            String authorizationId) {
        String contractId = session.contractId();
        String userId = session.subject();
        String requestId = newRequestId();
        if (idempotencyKey != null) {
            String requestHash = requestHash(contractId, userId, csr);
            if (!requests.claimIdempotencyKey(
                    contractId, userId, idempotencyKey, requestHash, requestId, clock.instant())) {
                RequestRepository.KeyedRequest first = requests.findIdempotencyKey(contractId, userId, idempotencyKey)
                        .orElseThrow(() -> new IllegalStateException("an idempotency key vanished while claimed"));
                if (!first.requestHash().equals(requestHash)) {
                    throw new ApiProblem(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "IDEMPOTENCY_KEY_REUSED",
                            "This Idempotency-Key was used with another request.");
                }
                return first.requestId();
            }
        }
        String publicKey = publicKeySha256(csr);
        if (!requests.claimOpenKey(contractId, userId, publicKey, requestId)) {
            String open = requests.findOpenKey(contractId, userId, publicKey)
                    .orElseThrow(() -> new IllegalStateException("an open request's key vanished while claimed"));
            if (idempotencyKey != null) {
                requests.pointIdempotencyKey(contractId, userId, idempotencyKey, open);
            }
            log.info("Certificate request of {}:{} answered by its open request {}", contractId, userId, open);
            return open;
        }
        if (!submit(requestId, RequestRepository.Channel.HTTP, session, csrPem, authorizationId)) {
            throw new IllegalStateException("a fresh random request ID was taken");
        }
        return requestId;
    }

    /** Forgets idempotency keys older than {@link #IDEMPOTENCY_KEY_RETENTION}. */
    void forgetOldIdempotencyKeys() {
        int forgotten = requests.forgetIdempotencyKeysBefore(clock.instant().minus(IDEMPOTENCY_KEY_RETENTION));
        if (forgotten > 0) {
            log.info("Forgot {} idempotency keys older than {}", forgotten, IDEMPOTENCY_KEY_RETENTION);
        }
    }

    /** SHA-256 over who asks and the CSR's DER: what a retry must repeat. Never the password. */
    static String requestHash(String contractId, String userId, PKCS10CertificationRequest csr) {
        MessageDigest sha256 = sha256();
        sha256.update(contractId.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(userId.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(der(csr));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** SHA-256 of the CSR's SubjectPublicKeyInfo: the key issuance-service would refuse to certify twice. */
    static String publicKeySha256(PKCS10CertificationRequest csr) {
        try {
            return HexFormat.of()
                    .formatHex(sha256().digest(csr.getSubjectPublicKeyInfo().getEncoded("DER")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] der(PKCS10CertificationRequest csr) {
        try {
            return csr.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stores the request and appends {@code CertificateRequested}.
     *
     * @param authorizationId the authorization whose acquisition code the request carried, or null
     * @return false when the request ID is taken (nothing was stored or published)
     */
    @Transactional
    boolean submit(
            String requestId,
            RequestRepository.Channel channel,
            Session session,
            String csrPem,
            String authorizationId) {
        RequestKind kind = kindAskedFor(session);
        Instant now = clock.instant();
        if (!requests.insertPending(requestId, channel, session.contractId(), session.subject(), kind, now)) {
            return false;
        }
        outbox.append(new CertificateRequested(
                requestId,
                session.contractId(),
                session.subject(),
                kind,
                csrPem,
                now,
                channelOf(channel, session),
                authorizationId));
        log.info(
                "Certificate request {} ({}) of {}:{} via {}",
                requestId,
                kind,
                session.contractId(),
                session.subject(),
                channel);
        return true;
    }
}
