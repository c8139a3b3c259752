package io.inkan.web.customer;

import java.io.Serializable;
import java.util.UUID;

/**
 * What the server keeps for a customer between the screens of one issuance: the bank style they came in by, the
 * session token auth-service gave for their ID and password (never sent to the browser), and, once they pressed
 * 発行 / 実行, the request's ID (a capability: whoever holds it reads the certificate, so it stays here too).
 */
final class CustomerSession implements Serializable {
    static final String ATTRIBUTE = CustomerSession.class.getName();

    /** Seed 000's 電子証明書発行 with a login ID, or seed 003's 利用者電子証明書取得 with contract and user ID. */
    enum Style {
        LOGIN_ID,
        CONTRACT_USER,
        /** 電子証明書更新 from the menu after certificate logon: bound to the certificate the customer logged on with. */
        RENEWAL
    }

    private final Style style;
    private final String token;
    /** For a renewal, the SHA-256 of the certificate the session is bound to; null otherwise. */
    private final String certificateFingerprint;

    private final UUID idempotencyKey = UUID.randomUUID();
    private String requestId;

    CustomerSession(Style style, String token) {
        this(style, token, null);
    }

    CustomerSession(Style style, String token, String certificateFingerprint) {
        this.style = style;
        this.token = token;
        this.certificateFingerprint = certificateFingerprint;
    }

    String certificateFingerprint() {
        return certificateFingerprint;
    }

    Style style() {
        return style;
    }

    String token() {
        return token;
    }

    UUID idempotencyKey() {
        return idempotencyKey;
    }

    String requestId() {
        return requestId;
    }

    void requestId(String requestId) {
        this.requestId = requestId;
    }
}
