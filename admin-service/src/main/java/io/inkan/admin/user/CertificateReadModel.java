package io.inkan.admin.user;

import io.inkan.events.AccountLocked;
import io.inkan.events.AccountUnlocked;
import io.inkan.events.CertificateActivated;
import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.Realm;
import java.util.function.UnaryOperator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each user's certificate status and lock state from auth and issuance events. Runs in the
 * transaction that marks the event as applied; the user's row is locked while it changes. Events
 * about users unknown here (another bank's stack sharing the broker, say) are ignored.
 */
@Component
class CertificateReadModel {
    private final UserRepository users;

    CertificateReadModel(UserRepository users) {
        this.users = users;
    }

    @EventListener
    void on(CertificateIssued e) {
        apply(
                e.contractId(),
                e.userId(),
                s -> s.issued(e.serialNumber(), e.notAfter(), e.kind(), e.replacesSerialNumber()));
    }

    @EventListener
    void on(CertificateActivated e) {
        apply(e.contractId(), e.userId(), s -> s.activated(e.serialNumber()));
    }

    @EventListener
    void on(CertificateRevoked e) {
        apply(e.contractId(), e.userId(), s -> s.revoked(e.serialNumber(), e.reason()));
    }

    @EventListener
    void on(CertificateExpired e) {
        apply(e.contractId(), e.userId(), s -> s.expired(e.serialNumber(), e.notAfter()));
    }

    @EventListener
    void on(AccountLocked e) {
        if (e.realm() == Realm.USER && e.contractId() != null) {
            users.setLocked(e.contractId(), e.accountId(), true);
        }
    }

    @EventListener
    void on(AccountUnlocked e) {
        if (e.realm() == Realm.USER && e.contractId() != null) {
            users.setLocked(e.contractId(), e.accountId(), false);
        }
    }

    private void apply(String contractId, String userId, UnaryOperator<CertificateState> transition) {
        users.lock(contractId, userId).ifPresent(user -> {
            CertificateState next = transition.apply(user.certificate());
            if (!next.equals(user.certificate())) {
                users.updateCertificate(contractId, userId, next);
            }
        });
    }
}
