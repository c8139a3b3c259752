package io.inkan.auth;

import java.time.Clock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * A second auth-service context whose front door and clock the tests control: the service's clock is
 * {@link #CLOCK}, which stands still until a test moves it; one password check at a time and no queue, so a
 * flood meets the bound at once; and a second bootstrap operator from {@code inkan.operators[0]}, so one
 * operator can unlock the other. Every IT of this context extends this class unchanged, so Spring builds
 * it once.
 */
@TestPropertySource(
        properties = {
            "inkan.auth.password-checks.concurrency=1",
            "inkan.auth.password-checks.queue=0",
            "inkan.operators[0].id=" + ControlledContext.SECOND_OPERATOR,
            "inkan.operators[0].password=" + ControlledContext.SECOND_OPERATOR_PASSWORD
        })
@Import(ControlledContext.ServiceClock.class)
public abstract class ControlledContext extends IntegrationTestBase {
    protected static final String SECOND_OPERATOR = "operator-2";
    protected static final String SECOND_OPERATOR_PASSWORD = "op2-pass-IT-2468";

    @TestConfiguration(proxyBeanMethods = false)
    static class ServiceClock {
        @Bean
        @Primary
        Clock movableServiceClock() {
            return CLOCK;
        }
    }
}
