package io.inkan.notification;

import io.inkan.events.AccountLocked;
import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.PasswordChanged;
import io.inkan.events.Realm;
import io.inkan.events.UserRemoved;
import io.inkan.notification.directory.Directory;
import io.inkan.notification.expiry.ExpirySchedule;
import io.inkan.notification.mail.LifecycleMails;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one listener of each event type notification-service reads from auth-service and issuance-service (admin
 * events are the directory's own, but for UserRemoved, which ends the user's reminders too). Each runs in the transaction that marks its event applied and does its whole
 * work there, in the order written: the reminder schedule first, then the mail. No other class listens to these
 * events, so nothing depends on the order in which listeners happen to run.
 */
@Component
class LifecycleListener {
    private final ExpirySchedule schedule;
    private final LifecycleMails mails;
    private final Directory directory;

    LifecycleListener(ExpirySchedule schedule, LifecycleMails mails, Directory directory) {
        this.schedule = schedule;
        this.mails = mails;
        this.directory = directory;
    }

    @EventListener
    void on(CertificateIssued event) {
        mails.certificateIssued(event, schedule.certificateIssued(event));
    }

    @EventListener
    void on(CertificateRevoked event) {
        schedule.certificateEnded(event.serialNumber());
        mails.certificateRevoked(event);
    }

    @EventListener
    void on(CertificateExpired event) {
        schedule.certificateEnded(event.serialNumber());
    }

    /** The user left the contract: one last mail says so, then no reminder and no other mail goes to them. */
    @EventListener
    void on(UserRemoved event) {
        mails.userRemoved(event);
        directory.remove(event.contractId(), Realm.USER, event.userId());
        schedule.userRemoved(event.contractId(), event.userId());
    }

    @EventListener
    void on(AccountLocked event) {
        mails.accountLocked(event);
    }

    @EventListener
    void on(PasswordChanged event) {
        mails.passwordChanged(event);
    }
}
