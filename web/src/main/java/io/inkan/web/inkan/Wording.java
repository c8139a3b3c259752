package io.inkan.web.inkan;

import java.util.Set;

/**
 * The message key that says, in the customer's words, what one of Inkan's problem or rejection codes means. Only the
 * codes a customer or administrator can act on have their own words; anything else is "try again later".
 */
public final class Wording {
    private static final Set<String> KNOWN = Set.of(
            "UNAUTHENTICATED",
            "LOCKED",
            "NOT_AUTHORIZED",
            "RENEWAL_TOO_EARLY",
            "KEY_REUSED",
            "INVALID_CSR",
            "WEAK_KEY",
            "USER_REMOVED",
            "USER_DELETED",
            "FORBIDDEN",
            InkanRefusal.UNREACHABLE);

    private Wording() {}

    public static String key(String code) {
        return "error." + (KNOWN.contains(code) ? code : "UNEXPECTED");
    }

    public static String key(InkanRefusal refusal) {
        if (refusal.status() == 423) {
            return key("LOCKED");
        }
        if (refusal.status() == 401) {
            return key("UNAUTHENTICATED");
        }
        if (refusal.status() == 403) {
            return key("FORBIDDEN");
        }
        return key(refusal.code());
    }
}
