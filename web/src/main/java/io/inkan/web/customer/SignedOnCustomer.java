package io.inkan.web.customer;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * A customer logged on with their certificate (ログイン後のメニュー画面): the session token auth-service gave (never
 * sent to the browser), the SHA-256 of the certificate the session is bound to, and where that certificate stands as
 * the logon answer said, which decides whether the menu offers 「電子証明書更新」.
 */
final class SignedOnCustomer implements Serializable {
    static final String ATTRIBUTE = SignedOnCustomer.class.getName();

    private final String token;
    private final String certificateFingerprint;
    private final String serialNumber;
    private final String notAfter;
    private final String renewableFrom;
    private final Instant renewableFromInstant;
    private volatile boolean renewalAvailable;
    private volatile boolean renewed;

    SignedOnCustomer(String token, String certificateFingerprint, Map<?, ?> standing) {
        this.token = token;
        this.certificateFingerprint = certificateFingerprint;
        Map<?, ?> block = standing == null ? Map.of() : standing;
        this.serialNumber = block.get("serialNumber") == null ? "" : String.valueOf(block.get("serialNumber"));
        this.notAfter = IssuedCertificate.japanTime(block.get("notAfter"));
        this.renewableFrom = IssuedCertificate.japanTime(block.get("renewableFrom"));
        this.renewableFromInstant =
                block.get("renewableFrom") == null ? null : Instant.parse(String.valueOf(block.get("renewableFrom")));
        this.renewalAvailable = Boolean.TRUE.equals(block.get("renewalAvailable"));
    }

    String token() {
        return token;
    }

    String certificateFingerprint() {
        return certificateFingerprint;
    }

    /** Read by the menu template. */
    public String getSerialNumber() {
        return serialNumber;
    }

    public String getNotAfter() {
        return notAfter;
    }

    public String getRenewableFrom() {
        return renewableFrom.isEmpty() ? null : renewableFrom;
    }

    public boolean isRenewalAvailable() {
        return renewalAvailable;
    }

    /**
     * Whether the renewal window is still ahead (or not known): then the menu says from when renewal opens; once it is
     * open and no renewal is offered, one is already under way or issued.
     */
    boolean windowAhead(Instant now) {
        return renewableFromInstant == null || now.isBefore(renewableFromInstant);
    }

    boolean renewed() {
        return renewed;
    }

    /** The renewal was issued: it waits for its first use, so the menu offers no second one. */
    void renewalIssued() {
        renewalAvailable = false;
        renewed = true;
    }
}
