package io.inkan.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * RFC 5280 §5.3.1 reason codes. On the wire an event carries the RFC's name ({@code superseded}),
 * the CRL and OCSP carry {@link #code()}.
 */
public enum RevocationReason {
    UNSPECIFIED("unspecified", 0),
    KEY_COMPROMISE("keyCompromise", 1),
    CA_COMPROMISE("cACompromise", 2),
    AFFILIATION_CHANGED("affiliationChanged", 3),
    SUPERSEDED("superseded", 4),
    CESSATION_OF_OPERATION("cessationOfOperation", 5),
    CERTIFICATE_HOLD("certificateHold", 6),
    PRIVILEGE_WITHDRAWN("privilegeWithdrawn", 9),
    AA_COMPROMISE("aACompromise", 10);

    private final String rfcName;
    private final int code;

    RevocationReason(String rfcName, int code) {
        this.rfcName = rfcName;
        this.code = code;
    }

    @JsonValue
    public String rfcName() {
        return rfcName;
    }

    public int code() {
        return code;
    }

    /** Accepts the RFC name ({@code keyCompromise}) or the constant ({@code KEY_COMPROMISE}). */
    @JsonCreator
    public static RevocationReason fromName(String name) {
        return Arrays.stream(values())
                .filter(r -> r.rfcName.equals(name) || r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an RFC 5280 revocation reason: " + name));
    }
}
