package io.inkan.auth.request;

import io.inkan.messaging.Periodic;
import io.inkan.messaging.TraceContexts;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the credentials of the front ends' sealed submissions off the Kafka consumer threads (DESIGN rule 9): the
 * consumer only opens the seal, does the cheap checks and queues the submission ({@link SubmissionQueue}); these
 * workers check the password (Argon2id, under the {@code PasswordChecks} bound) and decide it, so the records behind a
 * submission on its partition never wait for a hash.
 *
 * <p>Why every guarantee still holds. <em>Nothing lost</em>: the queued row commits with the record's inbox row and
 * offset, so once the record is consumed its submission is in the database until decided. <em>Exactly once</em>: a
 * worker claims a row with {@code FOR UPDATE SKIP LOCKED} and, in that one transaction, checks the password, records
 * the lock-out bookkeeping, the request and its {@code CertificateRequested} or {@code CertificateRequestRefused} in
 * the outbox, and deletes the row; a crash or a failure rolls all of it back and the row is taken again (after a
 * back-off when it failed), and no other worker, on any instance, can take a row one holds. <em>One user's
 * submissions in order</em>: only the oldest queued submission of a holder (the user its credentials name) can be
 * claimed, so a holder's next one waits for the one before to be decided; other users' go on meanwhile. The inbox's
 * duplicate detection is untouched: it runs on the consumer, and a submission whose request ID is already queued
 * or recorded is refused as a replay there.
 *
 * <p>{@code inkan.auth.password-checks.concurrency} workers (each a {@link Periodic}: woken after each commit that
 * queued a submission, and every second for back-offs and what a crash left behind).
 */
@Component
class SubmissionChecks implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SubmissionChecks.class);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

    private final SubmissionQueue queue;
    private final FrontendRequests requests;
    private final TransactionTemplate transactions;
    private final TraceContexts traces;
    private final Clock clock;
    private final List<Periodic> workers;

    SubmissionChecks(
            SubmissionQueue queue,
            FrontendRequests requests,
            PlatformTransactionManager transactionManager,
            TraceContexts traces,
            Clock clock,
            @Value(
                            "${inkan.auth.password-checks.concurrency:#{T(java.lang.Runtime).getRuntime().availableProcessors()}}")
                    int workers) {
        this.queue = queue;
        this.requests = requests;
        this.transactions = new TransactionTemplate(transactionManager);
        this.traces = traces;
        this.clock = clock;
        this.workers = IntStream.rangeClosed(1, Math.max(1, workers))
                .mapToObj(n -> new Periodic("inkan-submission-check-" + n, INTERVAL, this::checkQueued))
                .toList();
        queue.whenAdded(() -> this.workers.forEach(Periodic::wakeUp));
    }

    /** Decides queued submissions until none is due; one round of a worker. */
    void checkQueued() {
        while (checkOne()) {
            // next one
        }
    }

    private boolean checkOne() {
        SubmissionQueue.Queued[] claimed = {null};
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                Optional<SubmissionQueue.Queued> next = queue.claimNext(clock.instant());
                if (next.isEmpty()) {
                    return false;
                }
                SubmissionQueue.Queued submission = next.get();
                claimed[0] = submission;
                traces.within(
                        submission.traceContext(), "certificate request check", () -> requests.decide(submission));
                queue.remove(submission.requestId());
                return true;
            }));
        } catch (RuntimeException e) {
            if (claimed[0] == null) {
                throw e; // the claim itself failed: the Periodic logs it and the next round tries again
            }
            SubmissionQueue.Queued failed = claimed[0];
            Duration backOff = INTERVAL.multipliedBy(1L << Math.min(failed.attempts(), 16));
            Duration delay = backOff.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff;
            log.warn(
                    "Submission {}: its check failed and is tried again in {}: {}",
                    failed.requestId(),
                    delay,
                    e.toString());
            transactions.executeWithoutResult(status -> queue.postpone(failed.requestId(), clock.instant(), delay));
            return true;
        }
    }

    @Override
    public void start() {
        workers.forEach(Periodic::start);
    }

    @Override
    public void stop() {
        workers.forEach(Periodic::stop);
    }

    @Override
    public boolean isRunning() {
        return workers.stream().anyMatch(Periodic::isRunning);
    }
}
