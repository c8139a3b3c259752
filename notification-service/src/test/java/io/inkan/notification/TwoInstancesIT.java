package io.inkan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CertificateIssued;
import io.inkan.events.RequestKind;
import io.inkan.events.UserRegistered;
import io.inkan.notification.directory.Directory;
import io.inkan.notification.expiry.ExpirySchedule;
import io.inkan.notification.expiry.NoticeOffset;
import io.inkan.notification.mail.MailDelivery;
import io.inkan.notification.mail.MailDeliveryProperties;
import io.inkan.notification.mail.Mailer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances of the service on one PostgreSQL database: the context's scan and mail worker, and a
 * second scan and mail worker built the same way on the same database, running at the same moment.
 */
class TwoInstancesIT extends NotificationIT {
    private static final int USERS = 12;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JavaMailSender mailSender;

    @Autowired
    NotificationEvents events;

    @Autowired
    Directory directory;

    @Autowired
    MailDeliveryProperties mailProperties;

    @Autowired
    ExpirySchedule schedule;

    @Autowired
    MailDelivery delivery;

    @Test
    void twoInstancesSendEachReminderOnce() throws Exception {
        var jdbc = JdbcClient.create(dataSource);
        var transactions = new TransactionTemplate(transactionManager);
        var otherSchedule = new ExpirySchedule(
                jdbc,
                transactions,
                directory,
                Mailer.create(jdbc, events, CLOCK),
                events,
                NoticeOffset.parseAll(List.of("P40D,P10D")),
                2,
                CLOCK);
        var otherDelivery = new MailDelivery(
                jdbc, transactions, mailSender, events, mailProperties, new SimpleMeterRegistry(), CLOCK);

        String contract = unique("c");
        Instant notAfter = now().plus(Duration.ofDays(365));
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            addresses.add(contract + "-u" + i + "@example.jp");
            publish(new UserRegistered(
                    contract, "u" + i, "利用者" + i, addresses.get(i), "ja", null, "c2VhbGVk", "admin1", now()));
        }
        // admin and issuance events travel on different topics: let the directory catch up first
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM directory_entry WHERE contract_id = ?")
                                .param(contract)
                                .query(Long.class)
                                .single()
                        == USERS);
        for (int i = 0; i < USERS; i++) {
            publish(new CertificateIssued(
                    "r" + i,
                    contract,
                    "u" + i,
                    RequestKind.NEW,
                    contract.toLowerCase() + "0" + i,
                    "CN=x",
                    "CN=ca",
                    now(),
                    notAfter.plus(Duration.ofMinutes(i)),
                    "ab".repeat(32),
                    "pem",
                    null,
                    null,
                    now()));
        }
        // issuance mails first, so that the reminders below are the only mails still to come
        for (String address : addresses) {
            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(address).size() == 1);
        }

        CLOCK.set(notAfter.minus(Duration.ofDays(39)));
        var start = new CyclicBarrier(2);
        var mine = CompletableFuture.supplyAsync(together(start, schedule::scan));
        var theirs = CompletableFuture.supplyAsync(together(start, otherSchedule::scan));
        assertThat(mine.get() + theirs.get()).isEqualTo(USERS);
        assertThat(schedule.scan() + otherSchedule.scan()).isZero();

        // the context's mail worker polls on its own; the other instance's competes with it
        var otherWorker = CompletableFuture.runAsync(() -> {
            for (int round = 0; round < 20; round++) {
                otherDelivery.deliverDue();
            }
        });
        for (String address : addresses) {
            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(address).size() >= 2);
        }
        otherWorker.get();
        delivery.deliverDue();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> addresses.stream().allMatch(a -> mailsTo(a).size() == 2));
        for (String address : addresses) {
            assertThat(mailsTo(address))
                    .extracting(NotificationIT::subject)
                    .filteredOn(s -> s.contains("有効期限が近づいています"))
                    .hasSize(1);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM expiry_reminder WHERE contract_id = ? AND outcome = 'SENT'")
                        .param(contract)
                        .query(Long.class)
                        .single())
                .isEqualTo(USERS);
    }

    private static Supplier<Integer> together(CyclicBarrier start, Supplier<Integer> scan) {
        return () -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return scan.get();
        };
    }
}
