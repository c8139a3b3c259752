package io.inkan.admin.contract;

import io.inkan.events.AccountLocked;
import io.inkan.events.AccountUnlocked;
import io.inkan.events.Realm;
import org.springframework.stereotype.Component;

/**
 * Keeps whether each administrator is locked out, as auth-service reports it. Called by the service's one listener
 * of each event type; users' locks are the user feature's.
 */
@Component
public class AdministratorLocks {
    private final Contracts contracts;

    AdministratorLocks(Contracts contracts) {
        this.contracts = contracts;
    }

    public void accountLocked(AccountLocked event) {
        if (event.realm() == Realm.ADMIN && event.contractId() != null) {
            contracts.administratorLocked(event.contractId(), event.accountId(), true);
        }
    }

    public void accountUnlocked(AccountUnlocked event) {
        if (event.realm() == Realm.ADMIN && event.contractId() != null) {
            contracts.administratorLocked(event.contractId(), event.accountId(), false);
        }
    }
}
