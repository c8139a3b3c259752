package io.inkan.auth.logon;

import io.inkan.auth.web.ApiProblem;

/** How a refused credential answers over HTTP: 401 or 423, the same for every unknown ID. */
public final class Refusals {
    private Refusals() {}

    public static ApiProblem toProblem(LogonRefused refused) {
        return refused.reason() == LogonRefused.Reason.LOCKED
                ? ApiProblem.locked()
                : ApiProblem.unauthenticated(refused.getMessage());
    }
}
