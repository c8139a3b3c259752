package io.inkan.events;

/** Why issuance-service refused to issue (docs/contract.md §5). */
public enum RejectionReason {
    NOT_AUTHORIZED,
    RENEWAL_TOO_EARLY,
    INVALID_CSR,
    WEAK_KEY,
    KEY_REUSED
}
