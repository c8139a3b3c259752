package io.inkan.auth.credential;

/**
 * The outcome of a password check.
 *
 * @param account the account the credentials named, or null when they named none (callers must not
 *     reveal the difference)
 */
public record Verification(Verdict verdict, AccountKey account) {
    public boolean accepted() {
        return verdict == Verdict.ACCEPTED;
    }
}
