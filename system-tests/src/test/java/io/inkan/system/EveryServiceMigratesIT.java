package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.testsupport.H2;
import io.inkan.testsupport.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every service's schema is built by its Flyway migrations on both databases it runs on: the embedded
 * H2 default and PostgreSQL. Run against the machine's PostgreSQL; under CI an unreachable one fails.
 */
class EveryServiceMigratesIT {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "auth, h2", "auth, postgresql",
        "issuance, h2", "issuance, postgresql",
        "admin, h2", "admin, postgresql",
        "notification, h2", "notification, postgresql"
    })
    void migrationsBuildTheSchemaFromNothing(String service, String database) throws Exception {
        boolean postgres = database.equals("postgresql");
        String url = postgres ? Postgres.freshDatabase(service + "_migrations") : H2.freshDatabase(service);
        String user = postgres ? Postgres.USER : "sa";

        MigrateResult result = Flyway.configure()
                .dataSource(url, user, "")
                .locations("classpath:db/messaging", "classpath:db/migration/" + service)
                .load()
                .migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted)
                .as("the shared tables and at least one of the service's own")
                .isGreaterThanOrEqualTo(2);
        assertThat(tables(url, user)).contains("outbox_event", "inbox_event");
    }

    private static List<String> tables(String url, String user) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, "");
                ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }
}
