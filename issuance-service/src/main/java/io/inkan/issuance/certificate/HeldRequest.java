package io.inkan.issuance.certificate;

import io.inkan.events.RequestChannel;
import io.inkan.events.RequestKind;
import java.time.Instant;

/**
 * A request not yet decided: a row of {@code certificate_request} with status PENDING. {@code channel} is how it came,
 * as auth-service said (null from an older auth-service); the issuance event passes it on for the user's mail.
 */
record HeldRequest(
        String requestId,
        String contractId,
        String userId,
        RequestKind kind,
        String csrPem,
        Instant receivedAt,
        Instant holdUntil,
        RequestChannel channel,
        String namedAuthorization) {}
