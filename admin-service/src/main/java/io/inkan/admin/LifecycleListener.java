package io.inkan.admin;

import io.inkan.admin.audit.LifecycleAudit;
import io.inkan.admin.contract.AdministratorLocks;
import io.inkan.admin.security.SessionEnds;
import io.inkan.admin.user.CertificateReadModel;
import io.inkan.events.AccountLocked;
import io.inkan.events.AccountUnlocked;
import io.inkan.events.AcquisitionCodeExhausted;
import io.inkan.events.AuthorizationLapsed;
import io.inkan.events.CertificateActivated;
import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import io.inkan.events.CertificateRequestRefused;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.PasswordChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one listener of each event type admin-service reads: what auth-service and issuance-service report about a
 * contract's people. Each runs in the transaction that marks its event applied and does its whole work there, in
 * the order written: the read model first, then the contract's trail. No other class listens to these events, so
 * nothing depends on the order in which listeners happen to run.
 */
@Component
class LifecycleListener {
    private final CertificateReadModel readModel;
    private final AdministratorLocks administrators;
    private final LifecycleAudit audit;
    private final SessionEnds sessions;

    LifecycleListener(
            CertificateReadModel readModel,
            AdministratorLocks administrators,
            LifecycleAudit audit,
            SessionEnds sessions) {
        this.readModel = readModel;
        this.administrators = administrators;
        this.audit = audit;
        this.sessions = sessions;
    }

    @EventListener
    void on(CertificateIssued event) {
        readModel.certificateIssued(event);
        audit.record(event);
    }

    @EventListener
    void on(CertificateActivated event) {
        readModel.certificateActivated(event);
        audit.record(event);
    }

    @EventListener
    void on(CertificateRevoked event) {
        readModel.certificateRevoked(event);
        audit.record(event);
    }

    @EventListener
    void on(CertificateExpired event) {
        readModel.certificateExpired(event);
        audit.record(event);
    }

    @EventListener
    void on(AuthorizationLapsed event) {
        readModel.authorizationLapsed(event);
        audit.record(event);
    }

    @EventListener
    void on(AccountLocked event) {
        readModel.accountLocked(event);
        administrators.accountLocked(event);
        audit.record(event);
    }

    @EventListener
    void on(AccountUnlocked event) {
        readModel.accountUnlocked(event);
        administrators.accountUnlocked(event);
        audit.record(event);
    }

    @EventListener
    void on(PasswordChanged event) {
        sessions.passwordChanged(event);
        audit.record(event);
    }

    @EventListener
    void on(CertificateRequested event) {
        readModel.certificateRequested(event);
        audit.record(event);
    }

    /** The read model waits for issuance-service's AuthorizationLapsed, which follows; this is the trail's. */
    @EventListener
    void on(AcquisitionCodeExhausted event) {
        audit.record(event);
    }

    @EventListener
    void on(CertificateRequestRefused event) {
        audit.record(event);
    }

    @EventListener
    void on(CertificateRejected event) {
        readModel.certificateRejected(event);
        audit.record(event);
    }
}
