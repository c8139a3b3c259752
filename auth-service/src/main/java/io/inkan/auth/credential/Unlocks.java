package io.inkan.auth.credential;

import io.inkan.events.AccountUnlockRequested;
import io.inkan.events.AccountUnlocked;
import io.inkan.events.Realm;
import io.inkan.messaging.Outbox;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Opens accounts an administrator (users) or an operator (administrators) asked to unlock. */
@Component
class Unlocks {
    private static final Logger log = LoggerFactory.getLogger(Unlocks.class);

    private final AccountRepository accounts;
    private final Outbox outbox;
    private final Clock clock;

    Unlocks(AccountRepository accounts, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventListener
    void on(AccountUnlockRequested event) {
        if (event.realm() == Realm.OPERATOR) {
            log.warn(
                    "Ignoring an unlock request for operator {}: operators are unlocked by restarting"
                            + " auth-service with inkan.operator.* set",
                    event.accountId());
            return;
        }
        if (accounts.unlock(event.realm(), event.contractId(), event.accountId())) {
            log.info(
                    "Unlocked {} {}:{} at the request of {}",
                    event.realm(),
                    event.contractId(),
                    event.accountId(),
                    event.requestedBy());
            outbox.append(new AccountUnlocked(event.realm(), event.contractId(), event.accountId(), clock.instant()));
        }
    }
}
