package io.inkan.auth.logon;

import io.inkan.events.Realm;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@value #LOGONS}: the logons ({@code POST /api/v1/tokens}) by realm and outcome, {@code SUCCEEDED} when a session
 * was opened, else the {@link LogonRefused.Reason} the caller was answered with. A password check records its
 * failure in its own transaction before the answer, so what is counted here has happened. The tags are enums only,
 * never an ID; every counter exists from the start at zero.
 */
@Component
class LogonMeters {
    static final String LOGONS = "inkan.logons";
    static final String SUCCEEDED = "SUCCEEDED";

    private final Map<Realm, Map<String, Counter>> counters = new EnumMap<>(Realm.class);

    LogonMeters(MeterRegistry meters) {
        for (Realm realm : Realm.values()) {
            Map<String, Counter> byOutcome = new HashMap<>();
            byOutcome.put(SUCCEEDED, counter(meters, realm, SUCCEEDED));
            for (LogonRefused.Reason reason : LogonRefused.Reason.values()) {
                byOutcome.put(reason.name(), counter(meters, realm, reason.name()));
            }
            counters.put(realm, byOutcome);
        }
    }

    private static Counter counter(MeterRegistry meters, Realm realm, String outcome) {
        return Counter.builder(LOGONS)
                .description("Logons, by realm and outcome (SUCCEEDED, UNAUTHENTICATED, LOCKED)")
                .tag("realm", realm.name())
                .tag("outcome", outcome)
                .register(meters);
    }

    void succeeded(Realm realm) {
        counters.get(realm).get(SUCCEEDED).increment();
    }

    void refused(Realm realm, LogonRefused.Reason reason) {
        counters.get(realm).get(reason.name()).increment();
    }
}
