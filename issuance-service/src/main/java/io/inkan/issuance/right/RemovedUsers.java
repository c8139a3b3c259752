package io.inkan.issuance.right;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code removed_user} table: users who left their contract have no right to a certificate, for good. */
@Repository
class RemovedUsers {
    private final JdbcClient jdbc;

    RemovedUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the removal once, however often its event is delivered. */
    void insert(String contractId, String userId, Instant at) {
        jdbc.sql("INSERT INTO removed_user (contract_id, user_id, removed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(contractId, userId, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    boolean isRemoved(String contractId, String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM removed_user WHERE contract_id = ? AND user_id = ?")
                        .params(contractId, userId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
