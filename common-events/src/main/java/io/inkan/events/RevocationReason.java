package io.inkan.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
        RevocationReason reason = name == null ? null : BY_NAME.get(name);
        if (reason == null) {
            throw new IllegalArgumentException("not an RFC 5280 revocation reason: " + name);
        }
        return reason;
    }

    /**
     * Both names of every reason: a CRL signed again reads one reason per revoked certificate, thousands per
     * revoking transaction (issue 15's profile found the stream over {@code values()} in it).
     */
    private static final Map<String, RevocationReason> BY_NAME = Arrays.stream(values())
            .flatMap(r -> Stream.of(Map.entry(r.rfcName, r), Map.entry(r.name(), r)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
}
