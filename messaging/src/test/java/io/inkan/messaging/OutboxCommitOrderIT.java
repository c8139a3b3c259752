package io.inkan.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.IssuanceAuthorized;
import io.inkan.events.Topics;
import io.inkan.testsupport.H2;
import io.inkan.testsupport.Postgres;
import io.inkan.testsupport.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two transactions append events for one user; the one that appended first commits last. The relay must send
 * the user's events in the order the transactions committed, not in the order they drew their ids.
 */
@EmbeddedKafka(partitions = 1)
class OutboxCommitOrderIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void onPostgresOneUsersEventsGoOutInCommitOrderWhenTheFirstAppenderCommitsLast() throws Exception {
        try (var service = start(Postgres.freshDatabase("outbox_order"))) {
            JdbcClient observer = JdbcClient.create(service.getBean(DataSource.class));
            appendConcurrentlyAndRelay(
                    service,
                    // B is either done or waiting for a lock held by A: nothing else locks in this database.
                    b -> () -> b.isDone()
                            || observer.sql(
                                                    "SELECT COUNT(*) FROM pg_stat_activity"
                                                            + " WHERE datname = current_database() AND wait_event_type = 'Lock'")
                                            .query(Integer.class)
                                            .single()
                                    > 0);
        }
    }

    @Test
    void onH2OneUsersEventsGoOutInCommitOrderWhenTheFirstAppenderCommitsLast() throws Exception {
        try (var service = start(H2.freshDatabase("outbox_order"))) {
            appendConcurrentlyAndRelay(service, b -> () -> b.isDone() || b.isParked());
        }
    }

    private static void appendConcurrentlyAndRelay(
            ConfigurableApplicationContext service, java.util.function.Function<Appender, BooleanSupplier> settled)
            throws Exception {
        // No relay round between the two commits: that would hide the order the relay would choose afterwards.
        OutboxRelay relay = service.getBean(OutboxRelay.class);
        relay.stop();
        Outbox outbox = service.getBean(Outbox.class);
        var transactions = new TransactionTemplate(service.getBean(PlatformTransactionManager.class));
        String user = "U" + UUID.randomUUID().toString().substring(0, 8);
        IssuanceAuthorized x = authorization(user);
        IssuanceAuthorized y = authorization(user);

        CountDownLatch appendedX = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        Appender a = Appender.start(() -> transactions.executeWithoutResult(status -> {
            outbox.append(x);
            appendedX.countDown();
            awaitLatch(releaseA);
        }));
        assertThat(appendedX.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Appender b = Appender.start(() -> transactions.executeWithoutResult(status -> outbox.append(y)));
        await().atMost(WAIT).until(() -> settled.apply(b).getAsBoolean());
        // B finished while A was still open: B committed first. Otherwise B waits for A, which commits first.
        List<String> committed = b.isDone()
                ? List.of(y.authorizationId(), x.authorizationId())
                : List.of(x.authorizationId(), y.authorizationId());
        releaseA.countDown();
        a.join();
        b.join();

        assertThat(relay.relayAll()).isEqualTo(2);
        try (TopicProbe probe =
                new TopicProbe(EmbeddedKafkaCondition.getBroker().getBrokersAsString(), Topics.ADMIN)) {
            probe.await(
                    r -> r.key().equals(x.key())
                            && probe.seen().stream()
                                            .filter(s -> s.key().equals(x.key()))
                                            .count()
                                    == 2,
                    WAIT);
            List<String> sent = probe.seen().stream()
                    .filter(r -> r.key().equals(x.key()))
                    .map(TopicProbe::value)
                    .map(json -> json.contains(x.authorizationId()) ? x.authorizationId() : y.authorizationId())
                    .toList();
            assertThat(sent).as("the order the events were sent in").containsExactlyElementsOf(committed);
        }
    }

    private static ConfigurableApplicationContext start(String databaseUrl) {
        return new SpringApplicationBuilder(OrderTestService.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.application.name=admin-service",
                        "--spring.kafka.bootstrap-servers="
                                + EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
                        "--spring.datasource.url=" + databaseUrl,
                        "--spring.datasource.username=" + (databaseUrl.contains("postgresql") ? Postgres.USER : "sa"),
                        "--spring.datasource.password=",
                        "--spring.flyway.locations=classpath:db/messaging",
                        "--inkan.messaging.consumes=" + Topics.NOTIFICATION,
                        "--inkan.messaging.partitions=1");
    }

    private static IssuanceAuthorized authorization(String user) {
        return new IssuanceAuthorized(
                "C0012345", user, UUID.randomUUID().toString(), "ADM01", Instant.parse("2026-11-21T09:00:00Z"));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A transaction on a thread of its own, whose state the test can look at. */
    private record Appender(Thread thread, CompletableFuture<Void> done) {
        static Appender start(Runnable transaction) {
            var done = new CompletableFuture<Void>();
            Thread thread = Thread.ofPlatform().start(() -> {
                try {
                    transaction.run();
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            return new Appender(thread, done);
        }

        boolean isDone() {
            return done.isDone();
        }

        /** Waiting on a lock in this JVM (the H2 case: the database itself would not make it wait). */
        boolean isParked() {
            Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        }

        void join() throws Exception {
            done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class OrderTestService {}
}
