package io.inkan.messaging.it;

import io.inkan.events.IssuanceAuthorized;
import io.inkan.messaging.Outbox;
import io.inkan.messaging.TraceContexts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** A minimal service: it appends events to its outbox and records what it consumes. */
@SpringBootApplication
class TestService {

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    /** Publishes as a real service does: inside the transaction of a state change. */
    @Component
    static class Authorizations {
        private final TransactionTemplate transactions;
        private final Outbox outbox;

        Authorizations(TransactionTemplate transactions, Outbox outbox) {
            this.transactions = transactions;
            this.outbox = outbox;
        }

        void publish(io.inkan.events.InkanEvent event) {
            transactions.executeWithoutResult(status -> outbox.append(event));
        }

        void authorize(IssuanceAuthorized event, boolean thenFail) {
            transactions.executeWithoutResult(status -> {
                outbox.append(event);
                if (thenFail) {
                    throw new IllegalStateException("the state change failed after the event was written");
                }
            });
        }
    }

    /** Consumes as a real service does: a plain listener, inside the inbox transaction. */
    @Component
    static class Received {
        private final JdbcClient jdbc;
        private final TraceContexts traces;
        /** The trace context each authorization was applied in: what an event appended there would carry. */
        final Map<String, String> tracesApplied = new ConcurrentHashMap<>();

        Received(JdbcClient jdbc, TraceContexts traces) {
            this.jdbc = jdbc;
            this.traces = traces;
        }

        @EventListener
        void on(IssuanceAuthorized event) {
            String current = traces.current();
            if (current != null) {
                tracesApplied.put(event.authorizationId(), current);
            }
            jdbc.sql("INSERT INTO received (authorization_id) VALUES (?)")
                    .param(event.authorizationId())
                    .update();
        }

        List<String> authorizationIds() {
            return jdbc.sql("SELECT authorization_id FROM received ORDER BY id")
                    .query(String.class)
                    .list();
        }
    }
}
