package io.inkan.issuance.right;

import io.inkan.events.AuthorizationLapsed;
import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.issuance.policy.CertificateProperties;
import io.inkan.issuance.policy.IssuanceProperties;
import io.inkan.messaging.Outbox;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The right to issue: the administrators' authorizations held in this service's tables, and the rules of
 * docs/contract.md §2. issuance-service alone decides what became of an authorization (used by an issuance, which
 * CertificateIssued names; or lapsed, which AuthorizationLapsed says). Every method runs inside the caller's
 * transaction.
 */
@Service
public class IssuanceRights {
    private static final Logger log = LoggerFactory.getLogger(IssuanceRights.class);

    private final AuthorizationRepository authorizations;
    private final RemovedUsers removedUsers;
    private final IssuanceRules rules;
    private final Outbox outbox;

    IssuanceRights(
            AuthorizationRepository authorizations,
            RemovedUsers removedUsers,
            IssuanceProperties issuance,
            CertificateProperties certificate,
            Outbox outbox) {
        this.authorizations = authorizations;
        this.removedUsers = removedUsers;
        this.outbox = outbox;
        this.rules = new IssuanceRules(
                issuance.mode(),
                certificate.renewalWindow(),
                certificate.postExpiryGrace(),
                issuance.authorizationValidity(),
                issuance.pendingTimeout());
    }

    /** Decides a request of {@code contractId}:{@code userId}, given what the user holds. */
    public Decision decide(
            String contractId,
            String userId,
            RequestKind asked,
            String namedAuthorization,
            Instant receivedAt,
            Instant now,
            UserCertificates held) {
        if (removedUsers.isRemoved(contractId, userId)) {
            return new Decision.Reject(
                    RejectionReason.USER_REMOVED, "the user was removed from the contract; nothing is issued to them");
        }
        return rules.decide(new Question(
                asked, receivedAt, now, held, authorizations.ofUser(contractId, userId), namedAuthorization));
    }

    /** From when a certificate valid until {@code notAfter} may be renewed (CertificateIssued.renewableFrom). */
    public Instant renewableFrom(Instant notAfter) {
        return rules.renewableFrom(notAfter);
    }

    /**
     * Records an administrator's authorization (an issuance, or the new issuance a reissue allows), once.
     *
     * @param acquisitionCode whether it came with a one-time acquisition code (its hash in the event)
     */
    public void authorize(
            String authorizationId,
            String contractId,
            String userId,
            Authorization.Kind kind,
            Instant at,
            boolean acquisitionCode) {
        log.info(
                "{} authorized for {}:{} ({}{})",
                kind,
                contractId,
                userId,
                authorizationId,
                acquisitionCode ? ", with an acquisition code" : "");
        authorizations.insert(authorizationId, contractId, userId, kind, at, acquisitionCode);
    }

    /**
     * auth-service took five wrong acquisition codes for the authorization (AcquisitionCodeExhausted): it is voided
     * unused, and AuthorizationLapsed says so, as for a revocation order. Nothing when it was used or lapsed first.
     */
    public void voidExhausted(String contractId, String userId, String authorizationId, Instant now) {
        if (authorizations.markLapsed(authorizationId, now)) {
            log.info(
                    "Authorization {} of {}:{} voided unused: five wrong acquisition codes",
                    authorizationId,
                    contractId,
                    userId);
            outbox.append(new AuthorizationLapsed(contractId, userId, authorizationId, now));
        }
    }

    /**
     * The user left the contract: from now on every request of theirs is rejected {@code USER_REMOVED}. The caller
     * revokes the certificates and voids the authorizations in the same transaction.
     */
    public void removeUser(String contractId, String userId, Instant at) {
        log.info("{}:{} removed from the contract; no more issuance", contractId, userId);
        removedUsers.insert(contractId, userId, at);
    }

    /**
     * Voids every authorization of the user that was neither used nor lapsed, as of {@code now}, and publishes
     * AuthorizationLapsed for each (admin-service then shows it LAPSED). A revocation order (失効) or the user's removal
     * does this: an authorization given before the revocation was given for a PC and a situation that no longer hold
     * (a lost PC, a suspected key, a user who left), and whoever has the user's password must not use it to obtain a
     * certificate. The administrator authorizes again when the user is ready (docs/contract.md §2, ADMIN_AUTHORIZED).
     */
    public void voidOutstanding(String contractId, String userId, Instant now, String because) {
        for (Authorization authorization : authorizations.ofUser(contractId, userId)) {
            if (authorization.unused()
                    && authorization.lapsedAt() == null
                    && authorizations.markLapsed(authorization.authorizationId(), now)) {
                log.info(
                        "Authorization {} of {}:{} voided unused: {}",
                        authorization.authorizationId(),
                        contractId,
                        userId,
                        because);
                outbox.append(new AuthorizationLapsed(contractId, userId, authorization.authorizationId(), now));
            }
        }
    }

    /**
     * Uses up the authorization of an issuance, in the transaction that persists the certificate.
     *
     * @throws IllegalStateException when a concurrent request used it first, or the lapse scan found it lapsed first
     *     (the transaction rolls back and the request is tried again, then finds no authorization)
     */
    public void useAuthorization(String authorizationId, String requestId, Instant now) {
        if (!authorizations.use(authorizationId, requestId, now)) {
            throw new IllegalStateException(
                    "authorization " + authorizationId + " was used by another request or has lapsed");
        }
    }

    /**
     * Lapses the oldest authorizations that passed {@code inkan.issuance.authorization-validity} unused, at most
     * {@code limit} of them, and publishes AuthorizationLapsed for each, once: of several instances scanning at once,
     * the one whose UPDATE marks the row publishes; a use that came first keeps it from lapsing.
     *
     * @return how many of the oldest were found lapsed (fewer than {@code limit}: no more are due now)
     */
    public int lapseDue(Instant now, int limit) {
        int due = 0;
        for (AuthorizationRepository.Outstanding outstanding : authorizations.oldestOutstanding(limit)) {
            Instant lapsedAt = rules.lapsesAt(outstanding.authorizedAt());
            if (now.isBefore(lapsedAt)) {
                break; // oldest first: none after this one has lapsed either
            }
            due++;
            if (authorizations.markLapsed(outstanding.authorizationId(), lapsedAt)) {
                log.info(
                        "Authorization {} of {}:{} lapsed unused at {}",
                        outstanding.authorizationId(),
                        outstanding.contractId(),
                        outstanding.userId(),
                        lapsedAt);
                outbox.append(new AuthorizationLapsed(
                        outstanding.contractId(), outstanding.userId(), outstanding.authorizationId(), lapsedAt));
            }
        }
        return due;
    }
}
