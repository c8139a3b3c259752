package io.inkan.issuance.certificate;

import io.inkan.issuance.right.IssuanceRights;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Time-driven work, by the injected clock, run by {@link CertificateConfiguration}'s periodic job: held requests whose
 * wait is over are decided (then rejected NOT_AUTHORIZED unless an authorization came), certificates past notAfter
 * expire, and authorizations past their validity lapse (AuthorizationLapsed). Each scan reads an index by due time in
 * batches, so it costs what is due; the first two skip rows another instance holds, the lapse is claimed by one
 * UPDATE per authorization, which only one instance wins.
 */
@Component
class CertificateScans {
    private static final Logger log = LoggerFactory.getLogger(CertificateScans.class);
    private static final int BATCH = 100;

    private final RequestRepository requests;
    private final CertificateRepository certificates;
    private final IssuanceCycle cycle;
    private final CertificateLifecycle lifecycle;
    private final IssuanceRights rights;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CertificateScans(
            RequestRepository requests,
            CertificateRepository certificates,
            IssuanceCycle cycle,
            CertificateLifecycle lifecycle,
            IssuanceRights rights,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.requests = requests;
        this.certificates = certificates;
        this.cycle = cycle;
        this.lifecycle = lifecycle;
        this.rights = rights;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** One round: each scan on its own, so that one failing holds up neither of the others. */
    void scan() {
        run("held-request", this::decideHeldRequests);
        run("expiry", this::expireCertificates);
        run("authorization lapse", this::lapseAuthorizations);
    }

    private static void run(String name, Runnable scan) {
        try {
            scan.run();
        } catch (RuntimeException e) {
            log.warn("The {} scan failed; the next round tries again: {}", name, e.toString());
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

    /** Lapses the authorizations past their validity, oldest first, and says so once each (AuthorizationLapsed). */
    int lapseAuthorizations() {
        int total = 0;
        int done;
        do {
            Instant now = clock.instant();
            done = transactions.execute(status -> rights.lapseDue(now, BATCH));
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
