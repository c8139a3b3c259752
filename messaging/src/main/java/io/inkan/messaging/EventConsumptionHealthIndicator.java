package io.inkan.messaging;

import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code eventConsumption}: OUT_OF_SERVICE while any partition's consumption waits for a record being retried
 * (the database or the broker away), UP otherwise. Part of the readiness group, so an instance that cannot apply
 * events says so instead of looking healthy while its work piles up. The details name where it waits and the
 * class of the failure, never the record's content.
 */
final class EventConsumptionHealthIndicator implements HealthIndicator {
    private final ConsumptionStalls stalls;

    EventConsumptionHealthIndicator(ConsumptionStalls stalls) {
        this.stalls = stalls;
    }

    @Override
    public Health health() {
        List<ConsumptionStalls.Stall> current = stalls.current();
        if (current.isEmpty()) {
            return Health.up().build();
        }
        return Health.outOfService()
                .withDetail(
                        "stalled",
                        current.stream()
                                .map(stall -> java.util.Map.of(
                                        "partition", stall.topic() + "-" + stall.partition(),
                                        "offset", stall.offset(),
                                        "since", stall.since().toString(),
                                        "attempts", stall.attempts().get(),
                                        "failure", stall.failure()))
                                .toList())
                .build();
    }
}
