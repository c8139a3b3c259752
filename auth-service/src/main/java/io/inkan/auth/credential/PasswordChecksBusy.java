package io.inkan.auth.credential;

import java.time.Duration;

/**
 * Too many password checks are running or waiting at the front door: the caller should come back after
 * {@link #retryAfter()}. Nothing was checked and nothing counted toward a lock-out.
 */
public class PasswordChecksBusy extends RuntimeException {
    private final transient Duration retryAfter;

    PasswordChecksBusy(Duration retryAfter) {
        super("Too many logons at once; try again shortly.", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
