package io.inkan.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The screens name the renewal window configured, in the customer's words, never a fixed 40 days. */
class RenewalWindowTest {

    @Test
    void theDefaultReadsFortyDays() {
        RenewalWindow window = new RenewalWindow("P40D");
        assertThat(window.words(Locale.JAPANESE)).isEqualTo("40日");
        assertThat(window.words(Locale.ENGLISH)).isEqualTo("40 days");
    }

    @Test
    void aShortenedWindowOfTheEndToEndTestsReadsInMinutes() {
        RenewalWindow window = new RenewalWindow("PT2M30S");
        assertThat(window.words(Locale.JAPANESE)).isEqualTo("2分30秒");
        assertThat(window.words(Locale.ENGLISH)).isEqualTo("2 minutes 30 seconds");
        assertThat(new RenewalWindow("P1M1D").words(Locale.ENGLISH)).isEqualTo("1 month 1 day");
    }

    @Test
    void aValueThatIsNoLengthStopsTheStart() {
        assertThatThrownBy(() -> new RenewalWindow("40 days")).hasMessageContaining("inkan.certificate.renewal-window");
    }
}
