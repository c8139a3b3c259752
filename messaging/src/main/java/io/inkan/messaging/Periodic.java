package io.inkan.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a task on its own thread every {@code interval} (from start-up on, so that work that came due
 * while the service was down is picked up at once), and soon after {@link #wakeUp()}. A failing round
 * is logged and the next one tries again.
 *
 * <p>The one way Inkan runs recurring work (the outbox relay, the expiry scan, mail delivery, the CA's
 * scans): each job on a thread of its own, so that a slow one (a reminder scan, an SMTP server that
 * hangs) never holds up another (the relay), and each can be woken at once when new work arrives.
 */
public final class Periodic implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final Duration interval;
    private final Runnable task;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private ScheduledExecutorService executor;
    private volatile boolean running;

    public Periodic(String name, Duration interval, Runnable task) {
        this.name = name;
        this.interval = interval;
        this.task = task;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        executor.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Asks for a round soon; wake-ups in a row coalesce into one round. */
    public void wakeUp() {
        if (running && wakeUpPending.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    wakeUpPending.set(false);
                    runOnce();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakeUpPending.set(false);
            }
        }
    }

    private void runOnce() {
        if (!running) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} round failed; the next round tries again: {}", name, e.toString());
        }
    }
}
