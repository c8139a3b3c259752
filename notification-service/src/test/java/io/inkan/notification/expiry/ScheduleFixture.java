package io.inkan.notification.expiry;

import io.inkan.events.CertificateIssued;
import io.inkan.events.NotificationEvent;
import io.inkan.events.RequestKind;
import io.inkan.notification.directory.Directory;
import io.inkan.notification.mail.Mailer;
import io.inkan.testsupport.H2;
import io.inkan.testsupport.MutableClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A real schedule on a fresh in-memory H2 database with the service's migrations; no Spring context. */
final class ScheduleFixture {
    final MutableClock clock;
    final JdbcClient jdbc;
    final TransactionTemplate transactions;
    final List<NotificationEvent> events = new CopyOnWriteArrayList<>();
    final ExpirySchedule schedule;

    ScheduleFixture(MutableClock clock, String... offsets) {
        this.clock = clock;
        var dataSource = new DriverManagerDataSource(H2.freshDatabase("schedule"), "sa", "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/messaging", "classpath:db/migration/notification")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        schedule = new ExpirySchedule(
                jdbc,
                transactions,
                new Directory(jdbc, clock),
                Mailer.create(jdbc, events::add, clock),
                events::add,
                NoticeOffset.parseAll(List.of(offsets)),
                2,
                clock);
    }

    void user(String contractId, String userId, String name, String email, String language) {
        jdbc.sql("INSERT INTO directory_entry (contract_id, realm, account_id, name, email, language, updated_at)"
                        + " VALUES (?, 'USER', ?, ?, ?, ?, ?)")
                .params(contractId, userId, name, email, language, OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    /** Delivers a CertificateIssued the way the inbound plumbing does: inside a transaction. */
    void issued(String contractId, String userId, String serial, Instant notAfter, String replaces) {
        issued(contractId, userId, serial, notAfter, replaces, null);
    }

    /** The same, from an issuance-service that says from when the certificate may be renewed. */
    void issued(
            String contractId, String userId, String serial, Instant notAfter, String replaces, Instant renewableFrom) {
        Instant issuedAt = clock.instant();
        var event = new CertificateIssued(
                "req-" + serial,
                contractId,
                userId,
                replaces == null ? RequestKind.NEW : RequestKind.RENEWAL,
                serial,
                "CN=" + contractId + userId,
                "CN=Inkan Issuing CA",
                issuedAt,
                notAfter,
                "00".repeat(32),
                "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
                null,
                replaces,
                issuedAt,
                renewableFrom == null ? null : false,
                renewableFrom,
                null);
        transactions.executeWithoutResult(s -> schedule.certificateIssued(event));
    }

    void ended(String serial) {
        transactions.executeWithoutResult(s -> schedule.certificateEnded(serial));
    }

    /** The ExpiryApproaching events published so far, as "serial noticeBefore". */
    List<String> reminders() {
        return events.stream()
                .filter(e -> e instanceof io.inkan.events.ExpiryApproaching)
                .map(e -> (io.inkan.events.ExpiryApproaching) e)
                .map(e -> e.serialNumber() + " " + e.noticeBefore())
                .toList();
    }

    List<Map<String, Object>> mails() {
        return jdbc.sql("SELECT kind, serial_number, recipient, subject, body, status FROM outgoing_mail"
                        + " ORDER BY created_at")
                .query()
                .listOfRows();
    }
}
