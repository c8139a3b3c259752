package io.inkan.auth.certificate;

import io.inkan.events.CertificateIssued;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CertificateRepository {
    private static final String COLUMNS = "serial_number, sha256_fingerprint, contract_id, user_id, status,"
            + " replaces_serial, not_before, not_after, authorization_id, issued_at, renewable_from";

    private final JdbcClient jdbc;

    CertificateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(CertificateIssued issued, CertificateStatus status) {
        // kind is kept as issuance-service said it, for whoever reads the table; no rule here reads it.
        jdbc.sql("INSERT INTO known_certificate (" + COLUMNS + ", kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(
                        issued.serialNumber().toLowerCase(Locale.ROOT),
                        CertificateFingerprints.normalise(issued.sha256Fingerprint()),
                        issued.contractId(),
                        issued.userId(),
                        status.name(),
                        issued.replacesSerialNumber(),
                        utc(issued.notBefore()),
                        utc(issued.notAfter()),
                        issued.authorizationId(),
                        issued.issuedAt() == null ? null : utc(issued.issuedAt()),
                        issued.renewableFrom() == null ? null : utc(issued.renewableFrom()),
                        issued.kind() == null ? null : issued.kind().name())
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

    private static void appendFrom(StringBuilder sql, CertificateStatus... from) {
        if (from.length > 0) {
            sql.append(" AND status IN (");
            for (int i = 0; i < from.length; i++) {
                sql.append(i == 0 ? "'" : ", '").append(from[i].name()).append("'");
            }
            sql.append(")");
        }
    }

    Optional<CertificateHolding.Reissue> latestReissue(String contractId, String userId) {
        return jdbc.sql(
                        "SELECT authorization_id, authorized_at FROM reissue_pending WHERE contract_id = ? AND user_id = ?")
                .params(contractId, userId)
                .query((rs, n) -> new CertificateHolding.Reissue(
                        rs.getString("authorization_id"),
                        rs.getObject("authorized_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * Keeps the user's latest reissue. Never moves back: admin-service's events of one user arrive in order,
     * but a later order is what counts even if an older one is ever applied after it.
     */
    void recordReissue(String contractId, String userId, String authorizationId, Instant authorizedAt) {
        OffsetDateTime at = utc(authorizedAt);
        String newer = "UPDATE reissue_pending SET authorization_id = ?, authorized_at = ?"
                + " WHERE contract_id = ? AND user_id = ? AND authorized_at < ?";
        if (jdbc.sql(newer).params(authorizationId, at, contractId, userId, at).update() == 0
                && jdbc.sql("INSERT INTO reissue_pending (contract_id, user_id, authorization_id, authorized_at)"
                                        + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                                .params(contractId, userId, authorizationId, at)
                                .update()
                        == 0) {
            // the row was there (or another instance made it meanwhile): move it if this reissue is later
            jdbc.sql(newer).params(authorizationId, at, contractId, userId, at).update();
        }
    }

    private static KnownCertificate map(ResultSet rs, int n) throws SQLException {
        OffsetDateTime issuedAt = rs.getObject("issued_at", OffsetDateTime.class);
        OffsetDateTime renewableFrom = rs.getObject("renewable_from", OffsetDateTime.class);
        return new KnownCertificate(
                rs.getString("serial_number"),
                rs.getString("sha256_fingerprint"),
                rs.getString("contract_id"),
                rs.getString("user_id"),
                CertificateStatus.valueOf(rs.getString("status")),
                rs.getString("replaces_serial"),
                rs.getObject("not_before", OffsetDateTime.class).toInstant(),
                rs.getObject("not_after", OffsetDateTime.class).toInstant(),
                rs.getString("authorization_id"),
                issuedAt == null ? null : issuedAt.toInstant(),
                renewableFrom == null ? null : renewableFrom.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
