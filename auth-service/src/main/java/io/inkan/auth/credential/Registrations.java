package io.inkan.auth.credential;

import io.inkan.events.AdministratorRegistered;
import io.inkan.events.UserRegistered;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stores the accounts admin-service registers. The initial password arrives sealed; the consumer opens it only to
 * see that it is usable and stores it as it came, sealed; {@link SealedPasswordHashing} hashes it (Argon2id) off the
 * consumer thread soon after (DESIGN rule 9), and until then a logon checks against the seal. A value that cannot be
 * opened goes to the dead-letter topic, never to a log.
 */
@Component
class Registrations {
    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final AccountRepository accounts;
    private final UnknownIdRepository unknownIds;
    private final SealedPasswords sealedPasswords;
    private final SealedPasswordHashing hashing;

    Registrations(
            AccountRepository accounts,
            UnknownIdRepository unknownIds,
            SealedPasswords sealedPasswords,
            SealedPasswordHashing hashing) {
        this.hashing = hashing;
        this.accounts = accounts;
        this.unknownIds = unknownIds;
        this.sealedPasswords = sealedPasswords;
    }

    @EventListener
    void on(AdministratorRegistered event) {
        register(
                AccountKey.admin(event.contractId(), event.adminId()),
                null,
                event.sealedInitialPassword(),
                event.registeredAt());
    }

    @EventListener
    void on(UserRegistered event) {
        String loginId = event.loginId() == null || event.loginId().isBlank() ? null : event.loginId();
        register(
                AccountKey.user(event.contractId(), event.userId()),
                loginId,
                event.sealedInitialPassword(),
                event.registeredAt());
    }

    private void register(AccountKey key, String loginId, String sealedPassword, Instant registeredAt) {
        if (accounts.removed(key)) {
            log.info(
                    "{} {}:{} was removed; its registration is ignored",
                    key.realm(),
                    key.contractId(),
                    key.accountId());
            return;
        }
        if (accounts.find(key).isPresent()) {
            log.info(
                    "{} {}:{} is already registered; its registration is ignored",
                    key.realm(),
                    key.contractId(),
                    key.accountId());
            return;
        }
        sealedPasswords.check(
                sealedPassword, "initial password of " + key.realm() + " " + key.contractId() + ":" + key.accountId());
        if (loginId != null && accounts.loginIdTaken(loginId)) {
            // Login IDs are unique across the bank (admin-service checks too); the user can still log on
            // with contract and user ID.
            log.warn(
                    "Login ID of {}:{} is already used by another account; registered without it",
                    key.contractId(),
                    key.accountId());
            loginId = null;
        }
        accounts.insertSealed(key, loginId, sealedPassword, registeredAt);
        hashing.wakeUpAfterCommit();
        // Failures counted while the ID named nobody were nobody's: the new account starts clean.
        unknownIds.forget(UnknownIdRepository.idOf(key));
        if (loginId != null) {
            unknownIds.forget(UnknownIdRepository.idOfLoginId(loginId));
        }
        log.info("Registered {} {}:{}", key.realm(), key.contractId(), key.accountId());
    }
}
