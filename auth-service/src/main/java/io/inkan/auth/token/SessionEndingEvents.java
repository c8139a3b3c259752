package io.inkan.auth.token;

import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.RevocationReason;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The events that end a user's sessions: the administrator's reissue (初期化) and a revocation. A
 * revocation {@code superseded} is the normal end of a renewal (the user's new certificate replaced the
 * old one) and ends nothing. The lock-out is auth-service's own and ends sessions where it happens.
 */
@Component
class SessionEndingEvents {
    private final SessionEnds sessions;

    SessionEndingEvents(SessionEnds sessions) {
        this.sessions = sessions;
    }

    @EventListener
    void on(CertificateReissueAuthorized event) {
        sessions.endSessionsOf(event.contractId(), event.userId(), "reissue authorized");
    }

    @EventListener
    void on(CertificateRevoked event) {
        if (event.reason() == RevocationReason.SUPERSEDED) {
            return;
        }
        sessions.endSessionsOf(
                event.contractId(),
                event.userId(),
                "certificate " + event.serialNumber() + " revoked ("
                        + event.reason().rfcName() + ")");
    }
}
