package io.inkan.frontend;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the customer typed: contract ID and user ID, or a login ID, and the password; and, where the bank requires
 * it, the one-time acquisition code the administrator was given with the authorization
 * ({@link #withAcquisitionCode}). The password is kept as characters so the caller can {@link #clear()} it once the
 * request is submitted; neither it nor the code ever appears in {@link #toString()}.
 */
public final class Credentials {
    private final String contractId;
    private final String userId;
    private final String loginId;
    private final char[] password;
    private final String acquisitionCode;

    private Credentials(String contractId, String userId, String loginId, char[] password, String acquisitionCode) {
        this.contractId = contractId;
        this.userId = userId;
        this.loginId = loginId;
        this.password = Objects.requireNonNull(password, "password").clone();
        this.acquisitionCode = acquisitionCode;
    }

    private Credentials(String contractId, String userId, String loginId, char[] password) {
        this(contractId, userId, loginId, password, null);
    }

    /**
     * The same credentials with the one-time acquisition code the administrator's authorization answered
     * ({@code inkan.issuance.acquisition-code=REQUIRED}); it is sealed with the password.
     */
    public Credentials withAcquisitionCode(String code) {
        requireText(code, "acquisitionCode");
        return new Credentials(contractId, userId, loginId, password, code);
    }

    /** The one-time acquisition code, or null. */
    public String acquisitionCode() {
        return acquisitionCode;
    }

    /** The user {@code userId} of contract {@code contractId}. */
    public static Credentials ofUser(String contractId, String userId, char[] password) {
        requireText(contractId, "contractId");
        requireText(userId, "userId");
        return new Credentials(contractId, userId, null, password);
    }

    /** The user whose login ID is {@code loginId}. */
    public static Credentials ofLoginId(String loginId, char[] password) {
        requireText(loginId, "loginId");
        return new Credentials(null, null, loginId, password);
    }

    /** Null when the credentials name a login ID. */
    public String contractId() {
        return contractId;
    }

    /** Null when the credentials name a login ID. */
    public String userId() {
        return userId;
    }

    /** Null when the credentials name contract and user. */
    public String loginId() {
        return loginId;
    }

    /** A copy of the password; the caller clears it after use. */
    public char[] password() {
        return password.clone();
    }

    /** An independent copy, so that the caller clearing its own does not disturb a submission in flight. */
    Credentials copy() {
        return new Credentials(contractId, userId, loginId, password, acquisitionCode);
    }

    /** Overwrites the password held here. */
    public void clear() {
        Arrays.fill(password, '\0');
    }

    /** Who the credentials name, without the password. */
    @Override
    public String toString() {
        return loginId != null ? "loginId " + loginId : "user " + contractId + ":" + userId;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
