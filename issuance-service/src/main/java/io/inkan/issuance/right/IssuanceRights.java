package io.inkan.issuance.right;

import io.inkan.issuance.policy.CertificateProperties;
import io.inkan.issuance.policy.IssuanceProperties;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * The right to issue: the administrators' authorizations held in this service's tables, and the rules of docs/contract.md
 * §2. Every method runs inside the caller's transaction.
 */
@Service
public class IssuanceRights {
    private final AuthorizationRepository authorizations;
    private final IssuanceRules rules;

    IssuanceRights(
            AuthorizationRepository authorizations, IssuanceProperties issuance, CertificateProperties certificate) {
        this.authorizations = authorizations;
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
            io.inkan.events.RequestKind kind,
            Instant receivedAt,
            Instant now,
            UserCertificates held) {
        return rules.decide(new Question(kind, receivedAt, now, held, authorizations.ofUser(contractId, userId)));
    }

    /**
     * Uses up the authorization of an issuance, in the transaction that persists the certificate.
     *
     * @throws IllegalStateException when a concurrent request used it first (the transaction rolls back and the
     *     request is tried again, then finds no authorization)
     */
    public void useAuthorization(String authorizationId, String requestId, Instant now) {
        if (!authorizations.use(authorizationId, requestId, now)) {
            throw new IllegalStateException("authorization " + authorizationId + " was used by another request");
        }
    }

    void authorize(String authorizationId, String contractId, String userId, Authorization.Kind kind, Instant at) {
        authorizations.insert(authorizationId, contractId, userId, kind, at);
    }
}
