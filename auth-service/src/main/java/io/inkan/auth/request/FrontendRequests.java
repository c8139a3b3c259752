package io.inkan.auth.request;

import io.inkan.auth.acquisition.AcquisitionCodeCheck;
import io.inkan.auth.acquisition.AcquisitionCodeChecks;
import io.inkan.auth.credential.AccountKey;
import io.inkan.auth.logon.Logon;
import io.inkan.auth.logon.LogonRefused;
import io.inkan.auth.logon.UserCredentials;
import io.inkan.auth.sealing.SealingKey;
import io.inkan.auth.token.Session;
import io.inkan.events.CertificateRequestRefused;
import io.inkan.events.CertificateRequestSubmitted;
import io.inkan.events.Realm;
import io.inkan.events.RefusalReason;
import io.inkan.events.UnreadableEventException;
import io.inkan.messaging.Outbox;
import io.inkan.messaging.TraceContexts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Front ends over Kafka (docs/contract.md): a {@code CertificateRequestSubmitted} carries the user's
 * credentials sealed to auth-service. They are opened and checked exactly as over HTTP (the same
 * lock-out counter); the sealed request ID must be the record's, the sealing at most five minutes old
 * when the record is consumed, and the request ID new. The outcome is {@code CertificateRequested} or {@code
 * CertificateRequestRefused}, and the request is visible at {@code GET /api/v1/certificate-requests/{id}}.
 * Clear credentials never reach a log, an exception message or an event.
 *
 * <p>In two steps, so that no Argon2id runs on the consumer thread (DESIGN rule 9): the consumer ({@link #on}) does
 * the cheap checks (ID, replay, the seal, its request ID and age) and queues the submission in its record's
 * transaction; {@link SubmissionChecks} then checks the password and decides it ({@link #decide}), off the consumer.
 */
@Component
class FrontendRequests {
    private static final Logger log = LoggerFactory.getLogger(FrontendRequests.class);
    static final Duration MAX_SEAL_AGE = Duration.ofMinutes(5);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private final SealingKey sealing;
    private final Logon logon;
    private final CertificateRequests requests;
    private final RequestRepository repository;
    private final Outbox outbox;
    private final Clock clock;
    private final AcquisitionCodeChecks acquisitionCodes;
    private final SubmissionQueue queue;
    private final TraceContexts traces;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    FrontendRequests(
            SealingKey sealing,
            Logon logon,
            CertificateRequests requests,
            RequestRepository repository,
            Outbox outbox,
            Clock clock,
            AcquisitionCodeChecks acquisitionCodes,
            SubmissionQueue queue,
            TraceContexts traces) {
        this.acquisitionCodes = acquisitionCodes;
        this.queue = queue;
        this.traces = traces;
        this.sealing = sealing;
        this.logon = logon;
        this.requests = requests;
        this.repository = repository;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The sealed JSON; never printed. {@code acquisitionCode} is the one-time code, when one is required. */
    record SealedCredentials(
            String requestId,
            Instant sealedAt,
            String contractId,
            String userId,
            String loginId,
            String password,
            String acquisitionCode) {
        @Override
        public String toString() {
            return "SealedCredentials[requestId=" + requestId + "]";
        }
    }

    @EventListener
    void on(CertificateRequestSubmitted submission) {
        String requestId = submission.requestId();
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw new UnreadableEventException("requestId is not an ID of 8 to 64 letters, digits and dashes");
        }
        Instant now = clock.instant();
        if (repository.exists(requestId) || queue.holds(requestId)) {
            refuse(requestId, null, RefusalReason.REPLAYED, now, false);
            return;
        }
        SealedCredentials sealed;
        try {
            sealed = open(submission.sealedCredentials());
        } catch (UnreadableEventException e) {
            log.info("Submission {}: sealed credentials not readable: {}", requestId, e.getMessage());
            refuse(requestId, null, RefusalReason.UNAUTHENTICATED, now, true);
            return;
        }
        if (!requestId.equals(sealed.requestId())) {
            log.info("Submission {}: the sealed request ID is another one", requestId);
            refuse(requestId, null, RefusalReason.REPLAYED, now, true);
            return;
        }
        if (sealed.sealedAt() == null
                || sealed.sealedAt().isBefore(now.minus(MAX_SEAL_AGE))
                || sealed.sealedAt().isAfter(now.plus(MAX_SEAL_AGE))) {
            log.info("Submission {}: sealed at {}, outside five minutes of now", requestId, sealed.sealedAt());
            refuse(requestId, null, RefusalReason.REPLAYED, now, true);
            return;
        }
        if (!queue.add(
                requestId,
                holderOf(sealed, requestId),
                submission.sealedCredentials(),
                submission.csrPem() == null ? "" : submission.csrPem(), // refused INVALID_CSR once authenticated
                now,
                traces.current())) {
            refuse(requestId, null, RefusalReason.REPLAYED, now, false);
        }
    }

    /**
     * Checks the credentials of a queued submission and decides it, in the caller's transaction (the one that takes
     * it out of the queue): the Argon2id check, the lock-out bookkeeping, the request and the event it publishes.
     */
    void decide(SubmissionQueue.Queued submission) {
        String requestId = submission.requestId();
        Instant now = clock.instant();
        SealedCredentials sealed;
        try {
            sealed = open(submission.sealedCredentials());
        } catch (UnreadableEventException e) {
            // It opened when it was queued; only another sealing key since could make it fail here.
            log.info("Submission {}: sealed credentials no longer readable: {}", requestId, e.getMessage());
            refuse(requestId, null, RefusalReason.UNAUTHENTICATED, now, true);
            return;
        }
        AccountKey user;
        try {
            user = logon.authenticateUser(
                    new UserCredentials(sealed.contractId(), sealed.userId(), sealed.loginId(), sealed.password()));
        } catch (LogonRefused refused) {
            if (refused.reason() == LogonRefused.Reason.LOCKED) {
                refuse(requestId, refused.account(), RefusalReason.LOCKED, now, true);
            } else {
                refuse(requestId, null, RefusalReason.UNAUTHENTICATED, now, true);
            }
            return;
        }
        if (!CsrCheck.readable(submission.csrPem())) {
            refuse(requestId, user, RefusalReason.INVALID_CSR, now, true);
            return;
        }
        String authorizationId = null;
        switch (acquisitionCodes.check(user.contractId(), user.accountId(), sealed.acquisitionCode())) {
            case AcquisitionCodeCheck.NotNeeded notNeeded -> {}
            case AcquisitionCodeCheck.Accepted accepted -> authorizationId = accepted.authorizationId();
            case AcquisitionCodeCheck.Refused refused -> {
                refuse(requestId, user, RefusalReason.ACQUISITION_CODE_INVALID, now, true);
                return;
            }
        }
        Session session = new Session(Realm.USER, user.contractId(), user.accountId(), null);
        if (!requests.submit(
                requestId, RequestRepository.Channel.KAFKA, session, submission.csrPem(), authorizationId)) {
            refuse(requestId, null, RefusalReason.REPLAYED, now, false);
        }
    }

    /**
     * Whose submissions must be decided one after another: the user the credentials name, as they name them (a
     * login ID or contract and user ID). Credentials that name nobody are their own holder.
     */
    private static String holderOf(SealedCredentials sealed, String requestId) {
        if (sealed.loginId() != null && !sealed.loginId().isBlank()) {
            return "login:" + sealed.loginId();
        }
        if (sealed.contractId() != null && sealed.userId() != null) {
            return "user:" + sealed.contractId() + ":" + sealed.userId();
        }
        return "request:" + requestId;
    }

    private SealedCredentials open(String sealedCredentials) {
        byte[] clear = sealing.open(sealedCredentials);
        try {
            SealedCredentials credentials = json.readValue(clear, SealedCredentials.class);
            if (credentials == null) {
                throw new UnreadableEventException("sealed credentials are empty");
            }
            return credentials;
        } catch (JacksonException e) {
            // The parser's message may quote the content: say only what failed.
            throw new UnreadableEventException("sealed credentials are not the expected JSON");
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /**
     * Publishes the refusal. Contract and user are named only when the account exists and the caller
     * proved nothing wrong about it being named (a lock); otherwise the record is keyed by request ID.
     */
    private void refuse(String requestId, AccountKey account, RefusalReason reason, Instant now, boolean store) {
        String contractId = account == null ? null : account.contractId();
        String userId = account == null ? null : account.accountId();
        if (store) {
            repository.insertRefused(
                    requestId, RequestRepository.Channel.KAFKA, contractId, userId, reason.name(), now);
        }
        log.info("Submission {} refused: {}", requestId, reason);
        outbox.append(new CertificateRequestRefused(requestId, contractId, userId, reason, now));
    }
}
