package io.inkan.issuance.right;

import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import java.time.Instant;
import java.util.List;

/** The rules' answer to a request. */
public sealed interface Decision {

    /**
     * Issue a certificate.
     *
     * @param kind what the issuance is, as CertificateIssued reports it
     * @param successor true for a renewal while the current certificate is still good: the new one waits (in the
     *     SUCCESSOR slot) for its first logon before it replaces the current one; CertificateIssued says so as
     *     {@code awaitingFirstUse}
     * @param replacesSerialNumber the certificate the new one replaces, or null
     * @param authorizationId the authorization this issuance uses up, or null
     * @param revokeAtOnce the user's certificates to revoke {@code superseded} when the new one is issued
     */
    record Issue(
            RequestKind kind,
            boolean successor,
            String replacesSerialNumber,
            String authorizationId,
            List<String> revokeAtOnce)
            implements Decision {
        public Issue {
            revokeAtOnce = List.copyOf(revokeAtOnce);
        }
    }

    /** Refuse the request for good. */
    record Reject(RejectionReason reason, String detail) implements Decision {}

    /** No authorization is known yet; wait for one until {@code until}, then ask again. */
    record Hold(Instant until) implements Decision {}
}
