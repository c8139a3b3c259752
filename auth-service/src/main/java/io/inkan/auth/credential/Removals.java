package io.inkan.auth.credential;

import io.inkan.auth.token.SessionEnds;
import io.inkan.events.UserRemoved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A user who left the contract logs on no more, in any way. The account is deleted, not flagged: every later logon
 * (ID and password, login ID, certificate and password) then takes the very path of an ID that names no account
 * (one Argon2 check, 401, the unknown-ID lock-out), so the answer, its timing and its lock-out say nothing about
 * whether the ID ever existed or who left. The removal itself is remembered, so that the user's registration seen
 * again never restores the account. Sessions opened until now end.
 */
@Component
class Removals {
    private static final Logger log = LoggerFactory.getLogger(Removals.class);

    private final AccountRepository accounts;
    private final UnknownIdRepository unknownIds;
    private final SessionEnds sessions;

    Removals(AccountRepository accounts, UnknownIdRepository unknownIds, SessionEnds sessions) {
        this.accounts = accounts;
        this.unknownIds = unknownIds;
        this.sessions = sessions;
    }

    @EventListener
    void on(UserRemoved event) {
        AccountKey key = AccountKey.user(event.contractId(), event.userId());
        accounts.remove(key, event.removedAt());
        // The ID now names no account: it starts as any unknown ID does, with no failures counted.
        unknownIds.forget(UnknownIdRepository.idOf(key));
        sessions.endSessionsOf(event.contractId(), event.userId(), "user removed by " + event.removedBy());
        log.info("User {}:{} removed from the contract by {}", key.contractId(), key.accountId(), event.removedBy());
    }
}
