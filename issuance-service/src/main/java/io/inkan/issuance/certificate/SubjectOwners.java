package io.inkan.issuance.certificate;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code subject_owner} table: which (contract, user) a certificate subject belongs to. The first certificate
 * with a subject claims it; no other (contract, user) is ever issued one with that subject, even after the first
 * one's certificates are revoked or expired, so a subject names one customer for as long as anyone may look at it.
 */
@Repository
class SubjectOwners {
    private final JdbcClient jdbc;

    SubjectOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Who holds the subject: the key is case-folded, as X.500 names are compared without regard to case. */
    record Owner(String contractId, String userId) {}

    Optional<Owner> ownerOf(X500Principal subject) {
        return jdbc.sql("SELECT contract_id, user_id FROM subject_owner WHERE subject_key = ?")
                .param(key(subject))
                .query((rs, n) -> new Owner(rs.getString("contract_id"), rs.getString("user_id")))
                .optional();
    }

    /**
     * Claims the subject for the (contract, user) in the caller's transaction. Two instances claiming one subject at
     * once: the primary key fails one of them, and its retry sees the owner.
     */
    void claim(X500Principal subject, String contractId, String userId, Instant at) {
        jdbc.sql("INSERT INTO subject_owner (subject_key, contract_id, user_id, first_issued_at) VALUES (?, ?, ?, ?)")
                .params(key(subject), contractId, userId, CertificateRepository.utc(at))
                .update();
    }

    private static String key(X500Principal subject) {
        return subject.getName().toLowerCase(Locale.ROOT);
    }
}
