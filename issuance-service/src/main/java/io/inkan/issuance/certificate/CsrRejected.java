package io.inkan.issuance.certificate;

import io.inkan.events.RejectionReason;

/** A CSR the CA will not certify, with the docs/contract.md §5 reason. */
public final class CsrRejected extends Exception {
    private final RejectionReason reason;

    CsrRejected(RejectionReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
