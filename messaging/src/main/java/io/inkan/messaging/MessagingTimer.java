package io.inkan.messaging;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.DisposableBean;

/**
 * The plumbing's own thread (outbox relay, inbox pruning). Deliberately not a
 * {@link ScheduledExecutorService} bean: Spring would take such a bean as the scheduler for every
 * {@code @Scheduled} method of the service and Boot would not create its own, so the services' jobs
 * would queue behind the relay.
 */
final class MessagingTimer implements DisposableBean {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "inkan-outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    ScheduledExecutorService executor() {
        return executor;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
