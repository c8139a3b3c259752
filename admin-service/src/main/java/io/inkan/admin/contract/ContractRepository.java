package io.inkan.admin.contract;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ContractRepository {
    private final JdbcClient jdbc;

    ContractRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String contractId) {
        return jdbc.sql("SELECT COUNT(*) FROM contract WHERE contract_id = ?")
                        .param(contractId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    boolean administratorExists(String contractId, String adminId) {
        return jdbc.sql("SELECT COUNT(*) FROM administrator WHERE contract_id = ? AND admin_id = ?")
                        .params(contractId, adminId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Throws {@link org.springframework.dao.DuplicateKeyException} when the contract exists already. */
    void insertContract(String contractId, String name, String registeredBy, Instant at) {
        jdbc.sql("INSERT INTO contract (contract_id, name, registered_by, registered_at) VALUES (?, ?, ?, ?)")
                .params(contractId, name, registeredBy, utc(at))
                .update();
    }

    void insertAdministrator(
            String contractId, String adminId, String name, String email, String language, Instant at) {
        jdbc.sql("INSERT INTO administrator (contract_id, admin_id, name, email, language, registered_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(contractId, adminId, name, email, language, utc(at))
                .update();
    }

    void setAdministratorLocked(String contractId, String adminId, boolean locked) {
        jdbc.sql("UPDATE administrator SET locked = ? WHERE contract_id = ? AND admin_id = ?")
                .params(locked, contractId, adminId)
                .update();
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
