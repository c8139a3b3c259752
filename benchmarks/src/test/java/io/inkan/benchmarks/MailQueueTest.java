package io.inkan.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MailQueueTest {
    private static final String EXPOSITION = """
            # HELP inkan_mail_queued Mails not yet sent, by status
            # TYPE inkan_mail_queued gauge
            inkan_mail_queued{application="notification-service",status="HELD"} 7.0
            inkan_mail_queued{application="notification-service",status="PENDING"} 42.0
            inkan_mail_sent_total{kind="CERTIFICATE_ISSUED"} 1000.0
            """;

    @Test
    void readsThePendingMailsWhateverLabelsComeFirstAndNotTheHeldOnes() {
        assertThat(MailQueue.pendingIn(EXPOSITION)).hasValue(42);
    }

    /** A service that cannot count its queue says NaN: the driver keeps waiting rather than read it as empty. */
    @Test
    void anUnknownQueueIsNotAnEmptyOne() {
        assertThat(MailQueue.pendingIn(EXPOSITION.replace("42.0", "NaN"))).isEqualTo(OptionalLong.empty());
        assertThat(MailQueue.pendingIn("inkan_mail_sent_total 3.0\n")).isEqualTo(OptionalLong.empty());
    }
}
