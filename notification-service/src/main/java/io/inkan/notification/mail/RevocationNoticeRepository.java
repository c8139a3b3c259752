package io.inkan.notification.mail;

import io.inkan.events.CertificateRevoked;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The acts of revocation a user was told of ({@code revocation_notice}), so that one act makes one mail. */
@Repository
class RevocationNoticeRepository {
    private final JdbcClient jdbc;

    RevocationNoticeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the act this revocation belongs to (its user, cause and instant: issuance-service revokes all of an
     * act's certificates at one instant); false when another revocation of the act claimed it already.
     */
    boolean claim(CertificateRevoked event) {
        return jdbc.sql("INSERT INTO revocation_notice (contract_id, user_id, cause, revoked_at) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")
                        .params(
                                event.contractId(),
                                event.userId(),
                                event.cause().name(),
                                OffsetDateTime.ofInstant(event.revokedAt(), ZoneOffset.UTC))
                        .update()
                > 0;
    }
}
