package io.inkan.events;

/** Why issuance-service refused to issue (docs/contract.md §5). */
public enum RejectionReason {
    NOT_AUTHORIZED,
    RENEWAL_TOO_EARLY,
    INVALID_CSR,
    WEAK_KEY,
    KEY_REUSED,
    /** the user was removed from the contract (UserRemoved): no certificate is issued for them any more */
    USER_REMOVED
}
