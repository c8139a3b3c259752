package io.inkan.auth.credential;

import io.inkan.events.AccountLocked;
import io.inkan.events.InkanEvent;
import io.inkan.events.Realm;
import io.inkan.messaging.CommittedEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@value #LOCKOUTS}: accounts locked by failed logons, counted from the {@code AccountLocked} event once the lock
 * committed (a check that rolled back locked nothing). Tagged by realm only.
 */
@Component
class LockoutMeter implements CommittedEvents {
    static final String LOCKOUTS = "inkan.lockouts";

    private final MeterRegistry meters;

    LockoutMeter(MeterRegistry meters) {
        this.meters = meters;
        for (Realm realm : Realm.values()) {
            counter(realm);
        }
    }

    @Override
    public void committed(InkanEvent event) {
        if (event instanceof AccountLocked locked) {
            counter(locked.realm()).increment();
        }
    }

    private Counter counter(Realm realm) {
        return Counter.builder(LOCKOUTS)
                .description("Accounts locked by failed logons, by realm")
                .tag("realm", realm.name())
                .register(meters);
    }
}
