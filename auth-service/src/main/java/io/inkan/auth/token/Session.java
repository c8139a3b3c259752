package io.inkan.auth.token;

import io.inkan.events.Realm;
import java.util.Objects;

/**
 * Who a token speaks for.
 *
 * @param contractId null for operators
 * @param subject the operator, administrator or user ID
 * @param certificateSerial the serial (lowercase hex) of the certificate the user logged on with; null
 *     for a session opened with ID and password
 */
public record Session(Realm realm, String contractId, String subject, String certificateSerial) {
    public Session {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(subject, "subject");
    }

    public boolean withCertificate() {
        return certificateSerial != null;
    }
}
