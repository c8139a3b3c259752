package io.inkan.issuance.certificate;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Time-driven work, by the injected clock: held requests whose wait is over are decided (then rejected NOT_AUTHORIZED
 * unless an authorization came), certificates past notAfter expire. Both scans read an index by due time in batches,
 * so they cost what is due, and skip rows another instance holds.
 */
@Component
class CertificateScans {
    private static final Logger log = LoggerFactory.getLogger(CertificateScans.class);
    private static final int BATCH = 100;

    private final RequestRepository requests;
    private final CertificateRepository certificates;
    private final IssuanceCycle cycle;
    private final CertificateLifecycle lifecycle;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CertificateScans(
            RequestRepository requests,
            CertificateRepository certificates,
            IssuanceCycle cycle,
            CertificateLifecycle lifecycle,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.requests = requests;
        this.certificates = certificates;
        this.cycle = cycle;
        this.lifecycle = lifecycle;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${inkan.issuance.scan-interval:PT1S}")
    void scan() {
        try {
            decideHeldRequests();
            expireCertificates();
        } catch (RuntimeException e) {
            log.warn("Scan failed; the next one tries again: {}", e.toString());
        }
    }

    int decideHeldRequests() {
        int total = 0;
        int done;
        do {
            Instant now = clock.instant();
            done = transactions.execute(status -> {
                var due = requests.due(now, BATCH);
                due.forEach(request -> cycle.attempt(request, now));
                return due.size();
            });
            total += done;
        } while (done == BATCH);
        return total;
    }

    int expireCertificates() {
        int total = 0;
        int done;
        do {
            Instant now = clock.instant();
            done = transactions.execute(status -> {
                var due = certificates.dueForExpiry(now, BATCH);
                due.forEach(lifecycle::expire);
                return due.size();
            });
            total += done;
        } while (done == BATCH);
        return total;
    }
}
