package io.inkan.web.inkan;

/**
 * Inkan answered with a problem+json (or could not be reached): the HTTP status and the problem's stable
 * {@code code}, which the screens turn into the customer's words. The problem's text is never shown as it is.
 */
public final class InkanRefusal extends RuntimeException {
    /** The code used when Inkan could not be reached at all. */
    public static final String UNREACHABLE = "UNREACHABLE";

    private final int status;
    private final String code;

    public InkanRefusal(int status, String code) {
        super(status + " " + code);
        this.status = status;
        this.code = code == null ? "" : code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
