package io.inkan.auth.acquisition;

/** What {@link AcquisitionCodeChecks#check} says of the code a request with the user's right password carried. */
public sealed interface AcquisitionCodeCheck {

    /** No authorization of the user waits for a code: the request passes on as before and names none. */
    record NotNeeded() implements AcquisitionCodeCheck {}

    /** The code is that of {@code authorizationId}: the request names it, and only it may use the authorization. */
    record Accepted(String authorizationId) implements AcquisitionCodeCheck {}

    /**
     * No code, or a wrong one: the request is refused {@code ACQUISITION_CODE_INVALID}. A wrong code counted
     * against every authorization that waits for one; those that reached five were voided ({@code voided}).
     */
    record Refused(boolean missing, boolean voided) implements AcquisitionCodeCheck {}
}
