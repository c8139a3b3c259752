package io.inkan.auth.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.testsupport.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An ID that names no account must cost what a real one costs, or the time taken tells which IDs exist.
 * Not timed (a timed test would be flaky and prove little): the work is counted instead, Argon2
 * computations and SQL statements, against the real migrations on an in-memory H2 database.
 */
class CredentialsTest {
    private static final int MAX_FAILED_ATTEMPTS = 5;

    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private AccountRepository accounts;
    private PasswordHashing hashing;
    private Credentials credentials;

    record Work(long argon2, int reads, int writes, Verdict verdict) {}

    @BeforeEach
    void database() {
        DriverManagerDataSource h2 = new DriverManagerDataSource(
                "jdbc:h2:mem:credentials-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa",
                "");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/messaging", "classpath:db/migration/auth")
                .outOfOrder(true)
                .load()
                .migrate();
        DataSource counted = counting(h2);
        JdbcClient jdbc = JdbcClient.create(counted);
        accounts = new AccountRepository(jdbc);
        hashing = new PasswordHashing(new PasswordChecks(2, 0, Duration.ofSeconds(2)), 2);
        credentials = new Credentials(
                accounts,
                new UnknownIdRepository(jdbc),
                hashing,
                null, // every account here has a hash: nothing sealed to open
                new CredentialProperties(
                        MAX_FAILED_ATTEMPTS,
                        new CredentialProperties.PasswordCheckLimits(2, 0, Duration.ofSeconds(2)),
                        new CredentialProperties.UnknownIds(Duration.ofDays(30), Duration.ofHours(1)),
                        new CredentialProperties.PasswordHashingCost(2)),
                null, // ends sessions only when a real user locks, which these tests leave out
                null, // publishes only when a real account locks, likewise
                clock,
                new DataSourceTransactionManager(counted));
    }

    private Work measure(java.util.function.Supplier<Verification> attempt) {
        long argon2 = hashing.performed();
        reads.set(0);
        writes.set(0);
        Verdict verdict = attempt.get().verdict();
        return new Work(hashing.performed() - argon2, reads.get(), writes.get(), verdict);
    }

    @Test
    void anUnknownIdDoesTheSameWorkAsAKnownOneAtEveryStepUpToAndAfterTheLock() {
        AccountKey known = AccountKey.admin("C0012345", "A001");
        AccountKey unknown = AccountKey.admin("C0012345", "A999");
        accounts.insert(known, null, hashing.hash("Right-Pass-1"), clock.instant());

        for (int attempt = 1; attempt < MAX_FAILED_ATTEMPTS; attempt++) {
            Work onKnown = measure(() -> credentials.verify(known, "wrong"));
            Work onUnknown = measure(() -> credentials.verify(unknown, "wrong"));

            assertThat(onUnknown).as("attempt %d", attempt).isEqualTo(onKnown);
            assertThat(onKnown).isEqualTo(new Work(1, 2, 1, Verdict.REJECTED));
        }
        // The locking attempt of a real account also appends AccountLocked; lock both and compare after.
        accounts.store(known, new Lockout.State(MAX_FAILED_ATTEMPTS, clock.instant()));
        assertThat(credentials.verify(unknown, "wrong").verdict()).isEqualTo(Verdict.REJECTED);

        for (String password : new String[] {"wrong", "Right-Pass-1"}) {
            Work onKnown = measure(() -> credentials.verify(known, password));
            Work onUnknown = measure(() -> credentials.verify(unknown, password));

            assertThat(onUnknown).isEqualTo(onKnown);
            assertThat(onKnown).isEqualTo(new Work(1, 2, 0, Verdict.LOCKED));
        }
    }

    @Test
    void anUnknownLoginIdDoesTheSameWorkAsAUsersLoginId() {
        AccountKey user = AccountKey.user("C0012345", "U001");
        accounts.insert(user, "taro", hashing.hash("Right-Pass-1"), clock.instant());

        for (int attempt = 1; attempt < MAX_FAILED_ATTEMPTS; attempt++) {
            Work onKnown = measure(() -> credentials.verifyUserByLoginId("taro", "wrong"));
            Work onUnknown = measure(() -> credentials.verifyUserByLoginId("jiro", "wrong"));

            assertThat(onUnknown).isEqualTo(onKnown).isEqualTo(new Work(1, 2, 1, Verdict.REJECTED));
        }
    }

    @Test
    void anUnknownIdLocksAfterTheSameNumberOfFailuresAndIsForgottenOnlyWhenRegistered() {
        AccountKey unknown = AccountKey.user("C0012345", "U404");
        for (int attempt = 1; attempt <= MAX_FAILED_ATTEMPTS; attempt++) {
            assertThat(credentials.verify(unknown, "guess-" + attempt).verdict())
                    .as("attempt %d answers as wrong credentials, the locking one too", attempt)
                    .isEqualTo(Verdict.REJECTED);
        }
        assertThat(credentials.verify(unknown, "guess-6").verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(credentials
                        .verify(AccountKey.user("C0012345", "U405"), "guess")
                        .verdict())
                .as("another unknown ID counts on its own")
                .isEqualTo(Verdict.REJECTED);
        assertThat(credentials
                        .verify(AccountKey.admin("C0012345", "U404"), "guess")
                        .verdict())
                .as("the same ID in another realm is another ID")
                .isEqualTo(Verdict.REJECTED);
    }

    /** Counts the statements prepared on the data source: SELECTs as reads, the rest as writes. */
    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    if (result instanceof Connection connection) {
                        return countingConnection(connection);
                    }
                    return result;
                });
    }

    private Connection countingConnection(Connection target) {
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                        (sql.strip().toUpperCase(Locale.ROOT).startsWith("SELECT") ? reads : writes).incrementAndGet();
                    }
                    return invoke(method, target, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
