package io.inkan.auth.request;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per instance on a PostgreSQL connection of its own (not one of the pool's: it is held for good), doing
 * {@code LISTEN inkan_request_outcome} and blocking until a notification arrives. Each names a request whose outcome
 * some instance has just committed. When the connection drops it reconnects with back-off, and then wakes every
 * waiter, since notifications sent while nobody listened are lost.
 */
final class OutcomeListener implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OutcomeListener.class);
    /** How long to block before checking that a silent connection is still alive (a half-open TCP never fails). */
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    /** Where to listen: the service's own database. */
    record Database(String url, String username, String password) {
        @Override
        public String toString() {
            return "Database[url=" + url + "]";
        }
    }

    private final Database database;
    private final Consumer<String> wake;
    private final Runnable wakeAll;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    OutcomeListener(Database database, Consumer<String> wake, Runnable wakeAll) {
        this.database = database;
        this.wake = wake;
        this.wakeAll = wakeAll;
    }

    synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("inkan-request-outcomes").daemon().start(this);
    }

    synchronized void stop() {
        running = false;
        Connection listening = connection;
        if (listening != null) {
            try {
                // abort, not close: it does not wait for the lock the blocked getNotifications holds
                listening.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                log.debug("Aborting the listening connection failed", e);
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        Duration retry = FIRST_RETRY;
        while (running) {
            try (Connection listening = connect()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + OutcomeWatch.CHANNEL);
                }
                wakeAll.run();
                retry = FIRST_RETRY;
                listen(listening);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Listening for request outcomes failed ({}); retrying in {}", e.toString(), retry);
                try {
                    Thread.sleep(retry);
                } catch (InterruptedException interrupted) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            } finally {
                connection = null;
            }
        }
    }

    private void listen(Connection listening) throws SQLException {
        PGConnection notices = listening.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] received = notices.getNotifications((int) HEARTBEAT.toMillis());
            if (received == null || received.length == 0) {
                if (!listening.isValid((int) HEARTBEAT.toSeconds())) {
                    throw new SQLException("the listening connection no longer answers");
                }
                continue;
            }
            for (PGNotification notice : received) {
                wake.accept(notice.getParameter());
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (database.username() != null) {
            properties.setProperty("user", database.username());
        }
        if (database.password() != null) {
            properties.setProperty("password", database.password());
        }
        properties.setProperty("ApplicationName", "inkan auth-service request outcomes");
        return DriverManager.getConnection(database.url(), properties);
    }
}
