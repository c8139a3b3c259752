package io.inkan.auth.request;

import io.inkan.auth.token.Session;
import io.inkan.events.CertificateRequested;
import io.inkan.events.RequestKind;
import io.inkan.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
     * Stores the request and appends {@code CertificateRequested}.
     *
     * @return false when the request ID is taken (nothing was stored or published)
     */
    @Transactional
    boolean submit(String requestId, RequestRepository.Channel channel, Session session, String csrPem) {
        RequestKind kind = kindAskedFor(session);
        Instant now = clock.instant();
        if (!requests.insertPending(requestId, channel, session.contractId(), session.subject(), kind, now)) {
            return false;
        }
        outbox.append(new CertificateRequested(requestId, session.contractId(), session.subject(), kind, csrPem, now));
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
