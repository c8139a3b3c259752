package io.inkan.admin.web;

/** The shapes of the identifiers and tags this API accepts. */
public final class Ids {
    /**
     * Contract, administrator, user and login IDs: letters, digits, dot, underscore, hyphen; 1 to 64.
     * No colon (it separates contract and user in record keys) and nothing that needs escaping in a
     * certificate subject.
     */
    public static final String ID = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    /** A BCP 47 language tag such as {@code ja} or {@code en-US}. */
    public static final String LANGUAGE = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$";

    public static final String DEFAULT_LANGUAGE = "ja";

    private Ids() {}
}
