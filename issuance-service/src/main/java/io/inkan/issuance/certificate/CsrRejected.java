package io.inkan.issuance.certificate;

import io.inkan.events.RejectionReason;

/** A CSR the CA will not certify, with the §5 reason. */
final class CsrRejected extends Exception {
    private final RejectionReason reason;

    CsrRejected(RejectionReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectionReason reason() {
        return reason;
    }
}
