package io.inkan.cli;

import java.util.Map;

/** What each refusal and rejection code means to the person at the keyboard. */
final class Refusals {
    private static final Map<String, String> MEANING = Map.ofEntries(
            Map.entry("UNAUTHENTICATED", "wrong ID or password (or ID/password logon is not allowed now)"),
            Map.entry("LOCKED", "the account is locked; the contract administrator must unlock it"),
            Map.entry("INVALID_CSR", "the certificate request (CSR) was not acceptable"),
            Map.entry("REPLAYED", "this request was already submitted once"),
            Map.entry(
                    "ACQUISITION_CODE_INVALID",
                    "the administrator's authorization needs its one-time acquisition code (--acquisition-code),"
                            + " and none or a wrong one was given; five wrong codes void the authorization"),
            Map.entry("NOT_AUTHORIZED", "the contract administrator has not authorized an issuance"),
            Map.entry("RENEWAL_TOO_EARLY", "the current certificate is not yet in its renewal window"),
            Map.entry("WEAK_KEY", "the key is too weak"),
            Map.entry("KEY_REUSED", "this key was certified before; a new key is needed"),
            Map.entry("USER_REMOVED", "the user was removed from the contract"),
            Map.entry("VALIDATION_FAILED", "the request was incomplete or malformed"));

    private Refusals() {}

    static boolean explains(String code) {
        return MEANING.containsKey(code);
    }

    /** {@code UNAUTHENTICATED: wrong ID or password ...}. */
    static String describe(String code) {
        String meaning = MEANING.get(code);
        return meaning == null ? code : code + ": " + meaning;
    }
}
