package io.inkan.events;

/** Why auth-service refused a front end's submission before it became a request. */
public enum RefusalReason {
    UNAUTHENTICATED,
    LOCKED,
    INVALID_CSR,
    REPLAYED,
    /**
     * The password was right, but an administrator's authorization waits with a one-time acquisition code and the
     * sealed credentials carried no code or a wrong one (added with the acquisition code).
     */
    ACQUISITION_CODE_INVALID
}
