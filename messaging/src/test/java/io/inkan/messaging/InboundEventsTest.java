package io.inkan.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.Topics;
import io.inkan.events.UserRemoved;
import io.inkan.testsupport.H2;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a poll's records are cut into transactions: as few as possible, but none longer than the caps, so the first
 * records' effects (and the events they append to the outbox) are committed without waiting for the whole poll.
 */
class InboundEventsTest {
    private static final EventCodec CODEC = new EventCodec();

    private final List<List<String>> committed = new ArrayList<>();
    private final List<String> inTransaction = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private JdbcClient jdbc;
    private TransactionTemplate transactions;

    @BeforeEach
    void database() {
        DriverManagerDataSource h2 = new DriverManagerDataSource(H2.freshDatabase("inbound"), "sa", "");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/messaging")
                .load()
                .migrate();
        jdbc = JdbcClient.create(h2);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(h2) {
            @Override
            protected void doCommit(DefaultTransactionStatus status) {
                super.doCommit(status);
                committed.add(List.copyOf(inTransaction));
                inTransaction.clear();
            }

            @Override
            protected void doRollback(DefaultTransactionStatus status) {
                super.doRollback(status);
                inTransaction.clear();
            }
        });
    }

    /** Each applied record takes {@code millisEach} of the test's time; {@code failing} throws when applied. */
    private InboundEvents inbound(int maxRecords, Duration maxTime, long millisEach, String failing) {
        return new InboundEvents(
                CODEC,
                new Inbox(jdbc, Clock.systemUTC(), Duration.ofDays(14)),
                transactions,
                event -> {
                    String user = ((UserRemoved) event).userId();
                    now.addAndGet(Duration.ofMillis(millisEach).toNanos());
                    if (user.equals(failing)) {
                        throw new IllegalStateException("the database is away");
                    }
                    inTransaction.add(user);
                },
                new InboxDuplicates(new DefaultListableBeanFactory().getBeanProvider(MeterRegistry.class), List.of()),
                TraceContexts.off(),
                maxRecords,
                maxTime,
                now::get);
    }

    private static List<ConsumerRecord<Object, Object>> poll(int count) {
        List<ConsumerRecord<Object, Object>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UserRemoved event = new UserRemoved("C001", "U" + i, "A001", Instant.EPOCH);
            ConsumerRecord<Object, Object> record =
                    new ConsumerRecord<>(Topics.ADMIN, 0, i, event.key(), CODEC.encode(event));
            record.headers()
                    .add(CloudEventHeaders.TYPE, EventTypes.nameOf(event).getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.ID, ("event-" + i).getBytes(StandardCharsets.UTF_8));
            records.add(record);
        }
        return records;
    }

    @Test
    void aQuickPollIsOneTransactionUpToTheRecordCap() {
        inbound(4, Duration.ofSeconds(1), 1, null).onMessage(poll(10));

        assertThat(committed)
                .containsExactly(List.of("U0", "U1", "U2", "U3"), List.of("U4", "U5", "U6", "U7"), List.of("U8", "U9"));
    }

    @Test
    void aSlowPollCommitsWhatItAppliedOnceTheTimeCapIsReached() {
        inbound(100, Duration.ofMillis(100), 40, null).onMessage(poll(7));

        // 40 ms each: the third record takes a transaction past 100 ms, so it commits after it.
        assertThat(committed).containsExactly(List.of("U0", "U1", "U2"), List.of("U3", "U4", "U5"), List.of("U6"));
    }

    @Test
    void aFailureRollsBackOnlyItsOwnTransactionAndReportsTheFailedRecordOnce() {
        List<ConsumerRecord<Object, Object>> records = poll(10);

        assertThatThrownBy(() -> inbound(4, Duration.ofSeconds(1), 1, "U6").onMessage(records))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        failed -> assertThat(failed.getRecord()).isSameAs(records.get(6)));
        // The first transaction stayed committed; U4 and U5 applied again on their own; U6 never committed.
        assertThat(committed).containsExactly(List.of("U0", "U1", "U2", "U3"), List.of("U4", "U5"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbox_event")
                        .query(Long.class)
                        .single())
                .isEqualTo(6);
    }
}
