package io.inkan.notification.directory;

import io.inkan.events.Realm;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The contact details of users and administrators, kept from admin-service's events. The feature's
 * entry: other features look recipients up here.
 */
@Repository
public class Directory {
    private final JdbcClient jdbc;
    private final Clock clock;

    public Directory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Recipient> find(String contractId, Realm realm, String accountId) {
        return jdbc.sql("SELECT contract_id, realm, account_id, name, email, language FROM directory_entry"
                        + " WHERE contract_id = ? AND realm = ? AND account_id = ?")
                .params(contractId, realm.name(), accountId)
                .query(Directory::recipient)
                .optional();
    }

    /** Whether the account left its contract (UserRemoved): nobody mails it any more. */
    public boolean removed(String contractId, Realm realm, String accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM directory_entry WHERE contract_id = ? AND realm = ? AND account_id = ?"
                                + " AND removed_at IS NOT NULL")
                        .params(contractId, realm.name(), accountId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Marks the user removed from the contract, for good. A removal that overtook the registration (or concerns a
     * user registered before this service) still leaves a marked entry, so that nothing is mailed later either.
     */
    public void remove(String contractId, Realm realm, String accountId) {
        int updated = jdbc.sql("UPDATE directory_entry SET removed_at = COALESCE(removed_at, ?), updated_at = ?"
                        + " WHERE contract_id = ? AND realm = ? AND account_id = ?")
                .params(now(), now(), contractId, realm.name(), accountId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO directory_entry (contract_id, realm, account_id, name, email, language, updated_at,"
                            + " removed_at) VALUES (?, ?, ?, NULL, NULL, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(contractId, realm.name(), accountId, Recipient.JAPANESE, now(), now())
                    .update();
        }
    }

    /** The contract's administrators, in a stable order. */
    public List<Recipient> administrators(String contractId) {
        return jdbc.sql("SELECT contract_id, realm, account_id, name, email, language FROM directory_entry"
                        + " WHERE contract_id = ? AND realm = ? ORDER BY account_id")
                .params(contractId, Realm.ADMIN.name())
                .query(Directory::recipient)
                .list();
    }

    /** Registers or replaces an entry (a registration event seen again after a re-registration). */
    void register(String contractId, Realm realm, String accountId, String name, String email, String language) {
        String lang = Recipient.languageOf(language);
        int updated = jdbc.sql("UPDATE directory_entry SET name = ?, email = ?, language = ?, updated_at = ?"
                        + " WHERE contract_id = ? AND realm = ? AND account_id = ?")
                .params(name, email, lang, now(), contractId, realm.name(), accountId)
                .update();
        if (updated == 0) {
            insert(contractId, realm, accountId, name, email, lang);
        }
    }

    /** Changes the e-mail address and/or language; a null field stays as it was. */
    void changeContact(String contractId, Realm realm, String accountId, String email, String language) {
        String lang = language == null ? null : Recipient.languageOf(language);
        int updated = jdbc.sql("UPDATE directory_entry SET email = COALESCE(?, email),"
                        + " language = COALESCE(?, language), updated_at = ?"
                        + " WHERE contract_id = ? AND realm = ? AND account_id = ?")
                .params(email, lang, now(), contractId, realm.name(), accountId)
                .update();
        if (updated == 0) {
            // The change overtook the registration (or the registration predates this service): keep it.
            insert(contractId, realm, accountId, null, email, lang == null ? Recipient.JAPANESE : lang);
        }
    }

    private void insert(String contractId, Realm realm, String accountId, String name, String email, String lang) {
        jdbc.sql("INSERT INTO directory_entry (contract_id, realm, account_id, name, email, language, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(contractId, realm.name(), accountId, name, email, lang, now())
                .update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static Recipient recipient(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Recipient(
                rs.getString("contract_id"),
                Realm.valueOf(rs.getString("realm")),
                rs.getString("account_id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("language"));
    }
}
