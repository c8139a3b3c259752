package io.inkan.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpanTest {
    @Test
    void periodsCountCalendarTimeAndDurationsExactTime() {
        Instant leapDay = Instant.parse("2024-02-29T10:00:00Z");
        assertThat(Span.valueOf("P1Y").addTo(leapDay)).isEqualTo(Instant.parse("2025-02-28T10:00:00Z"));
        assertThat(Span.valueOf("P40D").subtractFrom(leapDay)).isEqualTo(Instant.parse("2024-01-20T10:00:00Z"));
        assertThat(Span.valueOf("PT3M").addTo(leapDay)).isEqualTo(Instant.parse("2024-02-29T10:03:00Z"));
    }

    @Test
    void nonsenseAndNegativeSpansAreRefused() {
        assertThatThrownBy(() -> Span.valueOf("one year")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> Span.valueOf("-P1D")).hasMessageContaining("negative");
    }
}
