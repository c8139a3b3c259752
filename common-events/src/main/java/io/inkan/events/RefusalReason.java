package io.inkan.events;

/** Why auth-service refused a front end's submission before it became a request. */
public enum RefusalReason {
    UNAUTHENTICATED,
    LOCKED,
    INVALID_CSR,
    REPLAYED
}
