package io.inkan.issuance.certificate;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Step 3: random positive 128-bit serial numbers, each reserved in the database before it is signed. */
@Component
class SerialNumbers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    SerialNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    BigInteger reserve(Instant now) {
        for (int attempt = 0; attempt < 10; attempt++) {
            BigInteger serial = new BigInteger(128, RANDOM);
            if (serial.signum() == 0) {
                continue;
            }
            int reserved = jdbc.sql("INSERT INTO serial_number (serial_number, reserved_at) VALUES (?, ?)"
                            + " ON CONFLICT DO NOTHING")
                    .params(hex(serial), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .update();
            if (reserved == 1) {
                return serial;
            }
        }
        throw new IllegalStateException("no free serial number after 10 random draws: the random source is broken");
    }

    /** The wire form of serial numbers: lowercase hex. */
    static String hex(BigInteger serial) {
        return serial.toString(16);
    }
}
