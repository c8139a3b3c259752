package io.inkan.auth.credential;

import io.inkan.events.AccountUnlockRequested;
import io.inkan.events.AccountUnlocked;
import io.inkan.events.Realm;
import io.inkan.events.UnreadableEventException;
import io.inkan.messaging.Outbox;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens accounts that admin-service asked to unlock: users at their administrator's request,
 * administrators and operators at an operator's (admin-service refuses an operator unlocking themselves).
 * An ID that names no account is cleared the same way, as a real account would be.
 */
@Component
class Unlocks {
    private static final Logger log = LoggerFactory.getLogger(Unlocks.class);

    private final AccountRepository accounts;
    private final UnknownIdRepository unknownIds;
    private final Outbox outbox;
    private final Clock clock;

    Unlocks(AccountRepository accounts, UnknownIdRepository unknownIds, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.unknownIds = unknownIds;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventListener
    void on(AccountUnlockRequested event) {
        if (event.realm() != Realm.OPERATOR && event.contractId() == null) {
            throw new UnreadableEventException("an unlock of a user or an administrator names no contract");
        }
        AccountKey key = new AccountKey(event.realm(), event.contractId(), event.accountId());
        unknownIds.forget(UnknownIdRepository.idOf(key));
        if (accounts.unlock(key.realm(), key.contractId(), key.accountId())) {
            log.info(
                    "Unlocked {} {} at the request of {}",
                    key.realm(),
                    key.contractId() == null ? key.accountId() : key.contractId() + ":" + key.accountId(),
                    event.requestedBy());
            outbox.append(new AccountUnlocked(key.realm(), key.contractId(), key.accountId(), clock.instant()));
        }
    }
}
