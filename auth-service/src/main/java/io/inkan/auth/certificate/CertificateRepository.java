package io.inkan.auth.certificate;

import io.inkan.events.CertificateIssued;
import io.inkan.events.RequestKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CertificateRepository {
    private static final String COLUMNS = "serial_number, sha256_fingerprint, contract_id, user_id, kind, status,"
            + " replaces_serial, not_before, not_after";

    private final JdbcClient jdbc;

    CertificateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(CertificateIssued issued, CertificateStatus status) {
        jdbc.sql("INSERT INTO known_certificate (" + COLUMNS + ", issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(
                        issued.serialNumber().toLowerCase(java.util.Locale.ROOT),
                        CertificateFingerprints.normalise(issued.sha256Fingerprint()),
                        issued.contractId(),
                        issued.userId(),
                        issued.kind() == null ? null : issued.kind().name(),
                        status.name(),
                        issued.replacesSerialNumber(),
                        utc(issued.notBefore()),
                        utc(issued.notAfter()),
                        issued.issuedAt() == null ? null : utc(issued.issuedAt()))
                .update();
    }

    Optional<KnownCertificate> bySerial(String serialNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM known_certificate WHERE serial_number = ?")
                .param(serialNumber)
                .query(CertificateRepository::map)
                .optional();
    }

    List<KnownCertificate> ofUser(String contractId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM known_certificate WHERE contract_id = ? AND user_id = ?")
                .params(contractId, userId)
                .query(CertificateRepository::map)
                .list();
    }

    /** Moves a certificate from one of {@code from} to {@code to}; returns the rows changed. */
    int changeStatus(String serialNumber, CertificateStatus to, CertificateStatus... from) {
        StringBuilder sql = new StringBuilder("UPDATE known_certificate SET status = ? WHERE serial_number = ?");
        appendFrom(sql, from);
        return jdbc.sql(sql.toString()).params(to.name(), serialNumber).update();
    }

    int changeStatusOfUser(String contractId, String userId, CertificateStatus to, CertificateStatus... from) {
        StringBuilder sql =
                new StringBuilder("UPDATE known_certificate SET status = ? WHERE contract_id = ? AND user_id = ?");
        appendFrom(sql, from);
        return jdbc.sql(sql.toString()).params(to.name(), contractId, userId).update();
    }

    private static void appendFrom(StringBuilder sql, CertificateStatus... from) {
        if (from.length > 0) {
            sql.append(" AND status IN (");
            for (int i = 0; i < from.length; i++) {
                sql.append(i == 0 ? "'" : ", '").append(from[i].name()).append("'");
            }
            sql.append(")");
        }
    }

    boolean reissuePending(String contractId, String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM reissue_pending WHERE contract_id = ? AND user_id = ?")
                        .params(contractId, userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void markReissuePending(String contractId, String userId, Instant at) {
        jdbc.sql("INSERT INTO reissue_pending (contract_id, user_id, authorized_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(contractId, userId, utc(at))
                .update();
    }

    void clearReissuePending(String contractId, String userId) {
        jdbc.sql("DELETE FROM reissue_pending WHERE contract_id = ? AND user_id = ?")
                .params(contractId, userId)
                .update();
    }

    private static KnownCertificate map(ResultSet rs, int n) throws SQLException {
        String kind = rs.getString("kind");
        return new KnownCertificate(
                rs.getString("serial_number"),
                rs.getString("sha256_fingerprint"),
                rs.getString("contract_id"),
                rs.getString("user_id"),
                kind == null ? null : RequestKind.valueOf(kind),
                CertificateStatus.valueOf(rs.getString("status")),
                rs.getString("replaces_serial"),
                rs.getObject("not_before", OffsetDateTime.class).toInstant(),
                rs.getObject("not_after", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
