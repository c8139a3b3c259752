package io.inkan.auth.credential;

/** What a password check says, after the lock-out rules. */
public enum Verdict {
    ACCEPTED,
    /** Wrong password, or an account that does not exist: the caller cannot tell which. */
    REJECTED,
    /** The account is locked; the password is not even considered. */
    LOCKED
}
