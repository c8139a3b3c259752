package io.inkan.auth.logon;

import io.inkan.auth.credential.AccountKey;

/**
 * A logon or a credential check that did not succeed.
 *
 * @see Reason
 */
public class LogonRefused extends RuntimeException {
    public enum Reason {
        /** Wrong or unknown credentials, or a logon mode the user may not use now. */
        UNAUTHENTICATED,
        /** The account is locked (whatever the password). */
        LOCKED
    }

    private final Reason reason;
    private final transient AccountKey account;

    LogonRefused(Reason reason, AccountKey account, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.account = account;
    }

    public Reason reason() {
        return reason;
    }

    /** The account the credentials named, when they named one; never shown to a caller. */
    public AccountKey account() {
        return account;
    }
}
