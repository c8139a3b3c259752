package io.inkan.admin.contract;

import io.inkan.events.AccountLocked;
import io.inkan.events.AccountUnlocked;
import io.inkan.events.Realm;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps whether each administrator is locked out, as auth-service reports it. */
@Component
class AdministratorLocks {
    private final Contracts contracts;

    AdministratorLocks(Contracts contracts) {
        this.contracts = contracts;
    }

    @EventListener
    void on(AccountLocked event) {
        if (event.realm() == Realm.ADMIN && event.contractId() != null) {
            contracts.administratorLocked(event.contractId(), event.accountId(), true);
        }
    }

    @EventListener
    void on(AccountUnlocked event) {
        if (event.realm() == Realm.ADMIN && event.contractId() != null) {
            contracts.administratorLocked(event.contractId(), event.accountId(), false);
        }
    }
}
