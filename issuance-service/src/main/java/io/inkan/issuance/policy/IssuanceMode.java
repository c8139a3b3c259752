package io.inkan.issuance.policy;

/** The bank's style of issuance (docs/contract.md §2). */
public enum IssuanceMode {
    /** A certificate only after the contract administrator's authorization; one authorization, one issuance. */
    ADMIN_AUTHORIZED,
    /** A certificate whenever the user asks with ID and password; it supersedes any the user holds. */
    SELF_SERVICE
}
