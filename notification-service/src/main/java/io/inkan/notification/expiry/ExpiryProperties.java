package io.inkan.notification.expiry;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.notification.*}: the reminder schedule.
 *
 * @param expiryNotices how long before notAfter each reminder goes (ISO period or duration)
 * @param scanInterval how often due reminders are looked for
 * @param scanBatchSize how many due reminders one scan transaction handles
 */
@Validated
@ConfigurationProperties("inkan.notification")
public record ExpiryProperties(
        @DefaultValue("P40D,P10D") @NotEmpty List<String> expiryNotices,
        @DefaultValue("PT10M") @NotNull Duration scanInterval,
        @DefaultValue("200") @Min(1) int scanBatchSize) {

    public List<NoticeOffset> offsets() {
        return NoticeOffset.parseAll(expiryNotices);
    }
}
