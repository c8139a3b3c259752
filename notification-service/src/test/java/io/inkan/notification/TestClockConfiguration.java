package io.inkan.notification;

import java.time.Clock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The ITs' clock: it stands still until a test moves it. */
@TestConfiguration(proxyBeanMethods = false)
class TestClockConfiguration {
    @Bean
    @Primary
    Clock testClock() {
        return NotificationIT.CLOCK;
    }
}
