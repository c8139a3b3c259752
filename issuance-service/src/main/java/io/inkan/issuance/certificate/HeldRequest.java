package io.inkan.issuance.certificate;

import io.inkan.events.RequestKind;
import java.time.Instant;

/** A request not yet decided: a row of {@code certificate_request} with status PENDING. */
record HeldRequest(
        String requestId,
        String contractId,
        String userId,
        RequestKind kind,
        String csrPem,
        Instant receivedAt,
        Instant holdUntil,
        String namedAuthorization) {}
