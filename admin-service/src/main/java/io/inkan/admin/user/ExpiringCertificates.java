package io.inkan.admin.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The usable certificates whose notAfter falls in a window, read from the certificate read model. Usable is what
 * {@link CertificateState} says: the current certificate while ACTIVE, and a renewal issued but not used yet (it logs
 * on, so it can expire unused too). The current certificate is marked {@code renewalWaiting} while its user's renewal
 * is issued and waits for its first use, or the user's renewal request waits for issuance-service's answer
 * ({@link RenewalRequests}).
 */
@Repository
class ExpiringCertificates {
    private static final String IN_USE = "SELECT contract_id, user_id, name, current_serial AS serial_number,"
            + " current_not_after AS not_after,"
            + " CASE WHEN pending_serial IS NOT NULL OR EXISTS (SELECT 1 FROM renewal_request r"
            + " WHERE r.contract_id = u.contract_id AND r.user_id = u.user_id AND r.state = 'OPEN' AND r.renewal)"
            + " THEN TRUE ELSE FALSE END AS renewal_waiting"
            + " FROM contract_user u WHERE current_state = 'ACTIVE' AND current_serial IS NOT NULL"
            + " AND current_not_after >= ? AND current_not_after <= ?";
    private static final String WAITING = "SELECT contract_id, user_id, name, pending_serial AS serial_number,"
            + " pending_not_after AS not_after, FALSE AS renewal_waiting"
            + " FROM contract_user WHERE pending_serial IS NOT NULL"
            + " AND pending_not_after >= ? AND pending_not_after <= ?";
    private static final String OF_CONTRACT = " AND contract_id = ?";

    private final JdbcClient jdbc;

    ExpiringCertificates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page of the certificates whose notAfter is in {@code [from, until]}, soonest first (ties in a fixed order, so
     * pages neither repeat nor skip a certificate).
     *
     * @param contractId one contract's, or null for all contracts
     */
    ExpiringPage page(String contractId, Instant from, Instant until, int page, int size) {
        List<Object> window = window(contractId, from, until);
        long total = jdbc.sql("SELECT COUNT(*) FROM (" + union(contractId) + ") expiring")
                .params(window)
                .query(Long.class)
                .single();
        List<Object> params = new ArrayList<>(window);
        params.add(size);
        params.add((long) page * size);
        List<ExpiringCertificate> items = jdbc.sql("SELECT * FROM (" + union(contractId) + ") expiring"
                        + " ORDER BY not_after, contract_id, user_id, serial_number LIMIT ? OFFSET ?")
                .params(params)
                .query((rs, n) -> certificate(rs))
                .list();
        return new ExpiringPage(items, page, size, total);
    }

    private static String union(String contractId) {
        String scope = contractId == null ? "" : OF_CONTRACT;
        return IN_USE + scope + " UNION ALL " + WAITING + scope;
    }

    private static List<Object> window(String contractId, Instant from, Instant until) {
        List<Object> one = new ArrayList<>(List.of(utc(from), utc(until)));
        if (contractId != null) {
            one.add(contractId);
        }
        List<Object> both = new ArrayList<>(one);
        both.addAll(one);
        return both;
    }

    private static ExpiringCertificate certificate(ResultSet rs) throws SQLException {
        return new ExpiringCertificate(
                rs.getString("contract_id"),
                rs.getString("user_id"),
                rs.getString("name"),
                rs.getString("serial_number"),
                rs.getObject("not_after", OffsetDateTime.class).toInstant(),
                rs.getBoolean("renewal_waiting"));
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
