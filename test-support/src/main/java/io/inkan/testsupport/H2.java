package io.inkan.testsupport;

import java.util.UUID;

/** In-memory H2 databases in PostgreSQL mode, as the services use H2 on disk by default. */
public final class H2 {
    private H2() {}

    public static String freshDatabase(String prefix) {
        return "jdbc:h2:mem:" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }
}
