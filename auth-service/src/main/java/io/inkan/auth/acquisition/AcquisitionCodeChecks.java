package io.inkan.auth.acquisition;

import io.inkan.events.AcquisitionCodeExhausted;
import io.inkan.events.AcquisitionCodes;
import io.inkan.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one-time acquisition code (docs/contract.md §4, {@code inkan.issuance.acquisition-code=REQUIRED}): while an
 * administrator's authorization that came with a code is open, a certificate request with ID and password must carry
 * that code. Checked after the password, and only for a request whose password was right: so a wrong code says
 * nothing about the password that a logon would not say, and nobody without the password can void an
 * authorization. Wrong codes do not count toward the password's lock-out either.
 *
 * <p>A wrong code counts against every authorization of the user that waits for one; the fifth voids it
 * ({@code AcquisitionCodeExhausted}, on which issuance-service lets it lapse), and the administrator must authorize
 * again. An authorization is open here until then, until issuance-service says it lapsed, or until a certificate
 * that used it is known (CertificateIssued names it). The code itself is never stored, logged or published: only the hash admin-service
 * published is kept.
 */
@Service
public class AcquisitionCodeChecks {
    private static final Logger log = LoggerFactory.getLogger(AcquisitionCodeChecks.class);

    /** Wrong codes that void an authorization. */
    static final int MAX_FAILED_ATTEMPTS = 5;

    private final AcquisitionCodeRepository codes;
    private final Outbox outbox;
    private final Clock clock;

    AcquisitionCodeChecks(AcquisitionCodeRepository codes, Outbox outbox, Clock clock) {
        this.codes = codes;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Checks the code a request of the user carried, whose password was right.
     *
     * @param typed the code as the user typed it, or null
     */
    @Transactional
    public AcquisitionCodeCheck check(String contractId, String userId, String typed) {
        List<AcquisitionCodeRepository.WaitingCode> waiting = codes.openOfUserForUpdate(contractId, userId);
        if (waiting.isEmpty()) {
            return new AcquisitionCodeCheck.NotNeeded();
        }
        if (typed == null || typed.isBlank()) {
            // not a guess: nothing counts
            log.info(
                    "Certificate request of {}:{} without the acquisition code an authorization waits for",
                    contractId,
                    userId);
            return new AcquisitionCodeCheck.Refused(true, false);
        }
        // a reissue's code first, as issuance-service uses a reissue right first; then oldest first
        for (AcquisitionCodeRepository.WaitingCode code : reissueFirst(waiting)) {
            if (AcquisitionCodes.matches(typed, code.codeHash())) {
                return new AcquisitionCodeCheck.Accepted(code.authorizationId());
            }
        }
        Instant now = clock.instant();
        boolean voided = false;
        for (AcquisitionCodeRepository.WaitingCode code : waiting) {
            codes.countFailure(code.authorizationId());
            int failed = code.failedAttempts() + 1;
            log.info(
                    "Wrong acquisition code for authorization {} of {}:{} ({} of {})",
                    code.authorizationId(),
                    contractId,
                    userId,
                    failed,
                    MAX_FAILED_ATTEMPTS);
            if (failed >= MAX_FAILED_ATTEMPTS && codes.close(code.authorizationId(), now, "EXHAUSTED")) {
                outbox.append(new AcquisitionCodeExhausted(contractId, userId, code.authorizationId(), failed, now));
                voided = true;
            }
        }
        return new AcquisitionCodeCheck.Refused(false, voided);
    }

    /** Records an authorization that came with a code (its hash); one without a code is not recorded. */
    @Transactional
    public void authorized(
            String contractId,
            String userId,
            String authorizationId,
            boolean reissue,
            String codeHash,
            Instant authorizedAt) {
        if (codeHash == null) {
            return;
        }
        codes.insert(
                authorizationId,
                contractId,
                userId,
                reissue ? AcquisitionCodeRepository.Kind.REISSUE : AcquisitionCodeRepository.Kind.ISSUANCE,
                codeHash,
                authorizedAt);
    }

    /** issuance-service says the authorization lapsed (or was voided): its code opens nothing any more. */
    @Transactional
    public void lapsed(String authorizationId, Instant at) {
        codes.close(authorizationId, at, "LAPSED");
    }

    /** A certificate was issued with the authorization (CertificateIssued.authorizationId): its code is spent. */
    @Transactional
    public void used(String authorizationId, Instant at) {
        codes.close(authorizationId, at, "USED");
    }

    private static List<AcquisitionCodeRepository.WaitingCode> reissueFirst(
            List<AcquisitionCodeRepository.WaitingCode> waiting) {
        return waiting.stream()
                .sorted((a, b) -> Boolean.compare(
                        b.kind() == AcquisitionCodeRepository.Kind.REISSUE,
                        a.kind() == AcquisitionCodeRepository.Kind.REISSUE))
                .toList();
    }
}
