package io.inkan.admin.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AuditRepository {
    record Head(long sequence, String hash) {}

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the chain's head if missing, then locks it: appends to one chain are serialized here. */
    Head lockHead(String contractId) {
        jdbc.sql(
                        "INSERT INTO audit_chain (contract_id, last_sequence, last_hash) VALUES (?, 0, ?) ON CONFLICT DO NOTHING")
                .params(contractId, AuditChain.GENESIS)
                .update();
        return jdbc.sql("SELECT last_sequence, last_hash FROM audit_chain WHERE contract_id = ? FOR UPDATE")
                .param(contractId)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
    }

    Optional<Head> head(String contractId) {
        return jdbc.sql("SELECT last_sequence, last_hash FROM audit_chain WHERE contract_id = ?")
                .param(contractId)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    void insert(AuditEntry e) {
        jdbc.sql("INSERT INTO audit_entry (contract_id, sequence, occurred_at, actor_realm, actor_id, action, target,"
                        + " outcome, detail, previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        e.contractId(),
                        e.sequence(),
                        OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC),
                        e.actorRealm(),
                        e.actorId(),
                        e.action(),
                        e.target(),
                        e.outcome(),
                        e.detail(),
                        e.previousHash(),
                        e.entryHash())
                .update();
        jdbc.sql("UPDATE audit_chain SET last_sequence = ?, last_hash = ? WHERE contract_id = ?")
                .params(e.sequence(), e.entryHash(), e.contractId())
                .update();
    }

    List<AuditEntry> newestFirst(String contractId, int offset, int limit) {
        return jdbc.sql("SELECT * FROM audit_entry WHERE contract_id = ? ORDER BY sequence DESC LIMIT ? OFFSET ?")
                .params(contractId, limit, offset)
                .query(AuditRepository::entry)
                .list();
    }

    List<AuditEntry> oldestFirst(String contractId) {
        return jdbc.sql("SELECT * FROM audit_entry WHERE contract_id = ? ORDER BY sequence")
                .param(contractId)
                .query(AuditRepository::entry)
                .list();
    }

    long count(String contractId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE contract_id = ?")
                .param(contractId)
                .query(Long.class)
                .single();
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(
                rs.getString("contract_id"),
                rs.getLong("sequence"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor_realm"),
                rs.getString("actor_id"),
                rs.getString("action"),
                rs.getString("target"),
                rs.getString("outcome"),
                rs.getString("detail"),
                rs.getString("previous_hash"),
                rs.getString("entry_hash"));
    }
}
