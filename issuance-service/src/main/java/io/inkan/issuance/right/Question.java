package io.inkan.issuance.right;

import io.inkan.events.RequestKind;
import java.time.Instant;
import java.util.List;

/**
 * Everything the rules need to decide one request, read in the transaction that acts on the answer.
 *
 * @param kind what the customer asked for, as auth-service says it: RENEWAL from a certificate session, NEW with ID
 *     and password (REISSUE from an older auth-service); the rules decide what is issued
 * @param receivedAt when issuance-service first saw the request (the start of its wait for an authorization)
 * @param authorizations the user's authorizations, used or not
 * @param namedAuthorization the authorization whose acquisition code the request carried, or null
 */
public record Question(
        RequestKind kind,
        Instant receivedAt,
        Instant now,
        UserCertificates certificates,
        List<Authorization> authorizations,
        String namedAuthorization) {

    public Question {
        authorizations = List.copyOf(authorizations);
    }

    /** A request that names no authorization. */
    public Question(
            RequestKind kind,
            Instant receivedAt,
            Instant now,
            UserCertificates certificates,
            List<Authorization> authorizations) {
        this(kind, receivedAt, now, certificates, authorizations, null);
    }
}
