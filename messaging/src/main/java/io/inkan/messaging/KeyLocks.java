package io.inkan.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes the outbox appends of one record key wait for each other until the first transaction ends, so that
 * within a key the order of the outbox's identity IS the order of commit, and the relay, which sends in id
 * order, sends one user's events in the order they committed. Without it, on PostgreSQL, a transaction that
 * took id 1 and commits late is sent before the one that took id 2 and committed first.
 *
 * <p>On PostgreSQL the lock is a transaction-scoped advisory lock on the key's hash: every instance on the
 * database shares it. Elsewhere (H2, the embedded default, one process per database) it is a lock in this JVM,
 * one per key, released when the transaction ends.
 *
 * <p>Deadlock: a transaction that appends events of two keys holds the first key's lock while it waits for the
 * second; another appending them the other way round waits for the first. PostgreSQL detects that and rolls one
 * back ({@code CannotAcquireLockException}/deadlock loser); in this JVM the wait is bounded and fails the same
 * way. Either way the loser's caller sees a failed transaction: a consumer retries the record, an HTTP caller
 * gets a 5xx and may retry. A consumer applies a whole poll in one transaction and so holds the keys of many records
 * at once; two consumer threads never share a key, because a key has one partition in every topic and the default
 * (range) assignment gives a consumer the same partitions of each topic it reads.
 * One case nothing detects: a transaction that appends a key and then, on its own thread, runs a new transaction
 * ({@code REQUIRES_NEW}) appending the same key waits for itself on PostgreSQL. No service does that; keep it so.
 */
abstract class KeyLocks {

    /** Locks {@code key} until the current transaction commits or rolls back; must run inside that transaction. */
    abstract void lockUntilCompletion(String key);

    /** Chooses by the database behind {@code dataSource}, asked once, on the first append. */
    static KeyLocks lazilyFor(DataSource dataSource) {
        return new Detecting(dataSource);
    }

    /** PostgreSQL: {@code pg_advisory_xact_lock}, released by the database at commit or rollback. */
    static final class Advisory extends KeyLocks {
        private final JdbcClient jdbc;

        Advisory(DataSource dataSource) {
            this.jdbc = JdbcClient.create(dataSource);
        }

        @Override
        void lockUntilCompletion(String key) {
            // The prefix keeps these locks apart from other advisory locks on the database (Flyway's, say).
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
                    .param("inkan.outbox:" + key)
                    .query(rs -> {});
        }
    }

    /**
     * Any other database: a lock in this JVM per record key, released after completion on the transaction's thread.
     * One lock per key, not stripes shared by several keys: a consumer applies a whole poll in one transaction, and
     * two such transactions on two threads, each holding many keys, would otherwise wait for each other through two
     * unrelated keys that happen to share a stripe.
     */
    static final class InJvm extends KeyLocks {
        /** Long enough for any honest transaction; only breaks a deadlock, which nothing here would detect. */
        private static final Duration MAX_WAIT = Duration.ofSeconds(30);

        /** The keys locked or waited for now; a key's entry goes when its last holder or waiter is done. */
        private final ConcurrentHashMap<String, KeyLock> locks = new ConcurrentHashMap<>();

        private static final class KeyLock {
            final ReentrantLock lock = new ReentrantLock();
            /** Holds and waits not yet released; changed only inside the map's compute, under its bin lock. */
            int uses;
        }

        @Override
        void lockUntilCompletion(String key) {
            KeyLock entry = locks.compute(key, (k, existing) -> {
                KeyLock lock = existing == null ? new KeyLock() : existing;
                lock.uses++;
                return lock;
            });
            boolean locked = false;
            try {
                locked = entry.lock.tryLock(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (!locked) {
                    throw new CannotAcquireLockException("the outbox lock of a record key was held for longer than "
                            + MAX_WAIT + " (a deadlock between two transactions appending two keys?)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CannotAcquireLockException("interrupted waiting for the outbox lock of a record key", e);
            } finally {
                if (!locked) {
                    release(key);
                }
            }
            // Registered right after locking, so that a failure of the insert that follows still unlocks.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    entry.lock.unlock();
                    release(key);
                }
            });
        }

        private void release(String key) {
            locks.computeIfPresent(key, (k, lock) -> --lock.uses == 0 ? null : lock);
        }
    }

    private static final class Detecting extends KeyLocks {
        private final DataSource dataSource;
        private volatile KeyLocks chosen;

        Detecting(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        void lockUntilCompletion(String key) {
            KeyLocks locks = chosen;
            if (locks == null) {
                synchronized (this) {
                    if (chosen == null) {
                        chosen = isPostgres() ? new Advisory(dataSource) : new InJvm();
                    }
                    locks = chosen;
                }
            }
            locks.lockUntilCompletion(key);
        }

        private boolean isPostgres() {
            // The transaction's own connection: it is there already, and it is the database the lock must be on.
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new CannotGetJdbcConnectionException("cannot tell which database the outbox is on", e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }
}
