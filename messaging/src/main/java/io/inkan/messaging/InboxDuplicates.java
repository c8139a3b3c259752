package io.inkan.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Counts, by topic, the events the {@link Inbox} recognised as already applied and dropped: {@value #METER}. A few
 * are normal (a relay that crashed between send and delete sends again, a rebalance redelivers); a steady rate says
 * a producer or a consumer keeps repeating itself.
 */
final class InboxDuplicates implements SmartInitializingSingleton {
    static final String METER = "inkan.inbox.duplicates";

    private final ObjectProvider<MeterRegistry> meters;
    private final List<String> topics;

    InboxDuplicates(ObjectProvider<MeterRegistry> meters, List<String> topics) {
        this.meters = meters;
        this.topics = topics;
    }

    /** The counters exist from the start at zero, so a rate is defined before the first duplicate. */
    @Override
    public void afterSingletonsInstantiated() {
        topics.forEach(this::counter);
    }

    void dropped(String topic) {
        Counter counter = counter(topic);
        if (counter != null) {
            counter.increment();
        }
    }

    private Counter counter(String topic) {
        MeterRegistry registry = meters.getIfAvailable();
        return registry == null
                ? null
                : Counter.builder(METER)
                        .description("Events dropped by the inbox because they had been applied already")
                        .tag("topic", topic)
                        .register(registry);
    }
}
