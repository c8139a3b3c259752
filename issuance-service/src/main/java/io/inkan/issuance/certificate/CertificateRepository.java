package io.inkan.issuance.certificate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code certificate} and {@code used_public_key} tables. */
@Repository
class CertificateRepository {
    private static final String COLUMNS = "serial_number, request_id, contract_id, user_id, kind, subject, not_before,"
            + " not_after, sha256_fingerprint, pem, status, slot, replaces_serial_number, revoked_at, revocation_reason,"
            + " issuer_key_id";

    private final JdbcClient jdbc;

    CertificateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredCertificate c, String spkiSha256, Instant issuedAt) {
        jdbc.sql("INSERT INTO certificate (serial_number, request_id, contract_id, user_id, kind, subject, not_before,"
                        + " not_after, sha256_fingerprint, spki_sha256, pem, status, slot, replaces_serial_number,"
                        + " issued_at, issuer_key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        c.serialNumber(),
                        c.requestId(),
                        c.contractId(),
                        c.userId(),
                        c.kind(),
                        c.subject(),
                        utc(c.notBefore()),
                        utc(c.notAfter()),
                        c.sha256Fingerprint(),
                        spkiSha256,
                        c.pem(),
                        c.status().name(),
                        c.slot() == null ? null : c.slot().name(),
                        c.replacesSerialNumber(),
                        utc(issuedAt),
                        c.issuerKeyId())
                .update();
        // The primary key makes a race between two instances certifying one key fail one of them.
        jdbc.sql("INSERT INTO used_public_key (spki_sha256, serial_number, first_certified_at) VALUES (?, ?, ?)")
                .params(spkiSha256, c.serialNumber(), utc(issuedAt))
                .update();
    }

    boolean keyCertifiedBefore(String spkiSha256) {
        return jdbc.sql("SELECT COUNT(*) FROM used_public_key WHERE spki_sha256 = ?")
                        .param(spkiSha256)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<StoredCertificate> find(String serialNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM certificate WHERE serial_number = ?")
                .param(serialNumber)
                .query(CertificateRepository::map)
                .optional();
    }

    /** The user's CURRENT and SUCCESSOR certificates, locked for the decision that may replace them. */
    List<StoredCertificate> usableForUpdate(String contractId, String userId) {
        // the slots by name, not "IS NOT NULL": H2 then reads certificate_one_per_slot, whose entries carry the slot,
        // and fetches only the (at most two) rows that have one
        return jdbc.sql("SELECT " + COLUMNS + " FROM certificate WHERE contract_id = ? AND user_id = ?"
                        + " AND slot IN ('CURRENT', 'SUCCESSOR') FOR UPDATE")
                .params(contractId, userId)
                .query(CertificateRepository::map)
                .list();
    }

    /**
     * The user's latest certificate (by notAfter) when it expired: the one a renewal after expiry renews. Empty when
     * the latest was revoked (or is still usable): an older certificate that expired earlier renews nothing then.
     */
    Optional<StoredCertificate> latestIfExpired(String contractId, String userId) {
        // the latest notAfter from the index alone, then its row: sorting the user's rows read every one of them, and
        // H2 evaluates a MAX subquery twice (for the index, then for the condition), so it is asked on its own
        Optional<OffsetDateTime> latestNotAfter = jdbc.sql(
                        "SELECT MAX(not_after) FROM certificate WHERE contract_id = ? AND user_id = ?")
                .params(contractId, userId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
                .single();
        return latestNotAfter
                .flatMap(notAfter -> jdbc.sql(
                                "SELECT " + COLUMNS + " FROM certificate"
                                        + " WHERE contract_id = ? AND user_id = ? AND not_after = ? ORDER BY serial_number LIMIT 1")
                        .params(contractId, userId, notAfter)
                        .query(CertificateRepository::map)
                        .optional())
                .filter(latest -> latest.status() == CertificateStatus.EXPIRED);
    }

    /** Active certificates past notAfter, oldest first; several instances take disjoint batches. */
    List<StoredCertificate> dueForExpiry(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM certificate WHERE status = 'ACTIVE' AND not_after <= ?"
                        + " ORDER BY not_after LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(utc(now), limit)
                .query(CertificateRepository::map)
                .list();
    }

    List<StoredCertificate> dueForExpiry(String contractId, String userId, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM certificate WHERE contract_id = ? AND user_id = ?"
                        + " AND status = 'ACTIVE' AND not_after <= ? ORDER BY not_after FOR UPDATE")
                .params(contractId, userId, utc(now))
                .query(CertificateRepository::map)
                .list();
    }

    boolean markExpired(String serialNumber) {
        return jdbc.sql("UPDATE certificate SET status = 'EXPIRED', slot = NULL"
                                + " WHERE serial_number = ? AND status = 'ACTIVE'")
                        .param(serialNumber)
                        .update()
                == 1;
    }

    boolean markRevoked(String serialNumber, String reason, Instant at) {
        return jdbc.sql("UPDATE certificate SET status = 'REVOKED', slot = NULL, revoked_at = ?, revocation_reason = ?"
                                + " WHERE serial_number = ? AND status <> 'REVOKED'")
                        .params(utc(at), reason, serialNumber)
                        .update()
                == 1;
    }

    /** Moves the user's renewal into the CURRENT slot, which the caller has emptied. */
    boolean promoteSuccessor(String contractId, String userId) {
        return jdbc.sql("UPDATE certificate SET slot = 'CURRENT' WHERE contract_id = ? AND user_id = ?"
                                + " AND slot = 'SUCCESSOR'")
                        .params(contractId, userId)
                        .update()
                == 1;
    }

    /** One CA's revoked certificates not yet expired: its CRL's entries. */
    List<RevokedCertificate> revokedUnexpired(String issuerKeyId, Instant now) {
        return jdbc.sql("SELECT serial_number, revoked_at, revocation_reason, not_after FROM certificate"
                        + " WHERE issuer_key_id = ? AND status = 'REVOKED' AND not_after > ? ORDER BY revoked_at")
                .params(issuerKeyId, utc(now))
                .query((rs, n) -> new RevokedCertificate(
                        rs.getString("serial_number"),
                        instant(rs, "revoked_at"),
                        rs.getString("revocation_reason"),
                        issuerKeyId,
                        instant(rs, "not_after")))
                .list();
    }

    private static StoredCertificate map(ResultSet rs, int row) throws SQLException {
        String slot = rs.getString("slot");
        return new StoredCertificate(
                rs.getString("serial_number"),
                rs.getString("request_id"),
                rs.getString("contract_id"),
                rs.getString("user_id"),
                rs.getString("kind"),
                rs.getString("subject"),
                instant(rs, "not_before"),
                instant(rs, "not_after"),
                rs.getString("sha256_fingerprint"),
                rs.getString("pem"),
                CertificateStatus.valueOf(rs.getString("status")),
                slot == null ? null : StoredCertificate.Slot.valueOf(slot),
                rs.getString("replaces_serial_number"),
                instant(rs, "revoked_at"),
                rs.getString("revocation_reason"),
                rs.getString("issuer_key_id"));
    }

    /** Serial numbers and PEM of certificates stored before the signing CA was recorded, a batch at a time. */
    List<String[]> withoutIssuer(String afterSerialNumber, int limit) {
        return jdbc.sql("SELECT serial_number, pem FROM certificate WHERE issuer_key_id IS NULL AND serial_number > ?"
                        + " ORDER BY serial_number LIMIT ?")
                .params(afterSerialNumber, limit)
                .query((rs, n) -> new String[] {rs.getString("serial_number"), rs.getString("pem")})
                .list();
    }

    void recordIssuer(String serialNumber, String issuerKeyId) {
        jdbc.sql("UPDATE certificate SET issuer_key_id = ? WHERE serial_number = ? AND issuer_key_id IS NULL")
                .params(issuerKeyId, serialNumber)
                .update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
