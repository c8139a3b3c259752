package io.inkan.auth.request;

import io.inkan.auth.certificate.CertificateBook;
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
 * <p>The kind follows what auth-service knows: from a certificate session RENEWAL; with ID and password
 * REISSUE after an administrator's reissue, RENEWAL after the certificate expired, NEW otherwise. A
 * request with ID and password from a user who still holds a usable certificate is not refused here,
 * in either issuance mode: it goes on as NEW and issuance-service, which owns the right to issue,
 * rejects it ({@code NOT_AUTHORIZED}) or, in SELF_SERVICE, issues for the new PC.
 */
@Service
public class CertificateRequests {
    private static final Logger log = LoggerFactory.getLogger(CertificateRequests.class);

    private final RequestRepository requests;
    private final CertificateBook certificates;
    private final Outbox outbox;
    private final Clock clock;

    CertificateRequests(RequestRepository requests, CertificateBook certificates, Outbox outbox, Clock clock) {
        this.requests = requests;
        this.certificates = certificates;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A new unguessable request ID: a random (version 4) UUID, 122 random bits. */
    static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    RequestKind kindFor(Session session) {
        if (session.withCertificate()) {
            return RequestKind.RENEWAL;
        }
        return certificates.holdingOf(session.contractId(), session.subject()).kindOfPasswordRequest(clock.instant());
    }

    /**
     * Stores the request and appends {@code CertificateRequested}.
     *
     * @return false when the request ID is taken (nothing was stored or published)
     */
    @Transactional
    boolean submit(String requestId, RequestRepository.Channel channel, Session session, String csrPem) {
        RequestKind kind = kindFor(session);
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
