package io.inkan.benchmarks;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class ConsumerLagTest {
    /**
     * The Kafka admin client checks its timeouts when it is made, before it ever connects: with a call timeout
     * below one request's it refused to start, and the driver measured without waiting for the consumers.
     */
    @Test
    void theAdminClientStartsWithTheDriversTimeouts() {
        assertThatCode(() -> new ConsumerLag("127.0.0.1:1").close()).doesNotThrowAnyException();
    }
}
