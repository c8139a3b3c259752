package io.inkan.auth.credential;

import io.inkan.auth.sealing.SealingKey;
import io.inkan.events.AdministratorRegistered;
import io.inkan.events.UnreadableEventException;
import io.inkan.events.UserRegistered;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stores the accounts admin-service registers. The initial password arrives sealed; it is opened,
 * hashed once (Argon2id) and forgotten. This is the one Argon2 cost on the consumer thread, paid once
 * per registration; a value that cannot be opened goes to the dead-letter topic, never to a log.
 */
@Component
class Registrations {
    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final AccountRepository accounts;
    private final UnknownIdRepository unknownIds;
    private final PasswordHashing hashing;
    private final SealingKey sealing;

    Registrations(
            AccountRepository accounts, UnknownIdRepository unknownIds, PasswordHashing hashing, SealingKey sealing) {
        this.accounts = accounts;
        this.unknownIds = unknownIds;
        this.hashing = hashing;
        this.sealing = sealing;
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
        String hash = hashOf(sealedPassword, key);
        if (loginId != null && accounts.loginIdTaken(loginId)) {
            // Login IDs are unique across the bank (admin-service checks too); the user can still log on
            // with contract and user ID.
            log.warn(
                    "Login ID of {}:{} is already used by another account; registered without it",
                    key.contractId(),
                    key.accountId());
            loginId = null;
        }
        accounts.insert(key, loginId, hash, registeredAt);
        // Failures counted while the ID named nobody were nobody's: the new account starts clean.
        unknownIds.forget(UnknownIdRepository.idOf(key));
        if (loginId != null) {
            unknownIds.forget(UnknownIdRepository.idOfLoginId(loginId));
        }
        log.info("Registered {} {}:{}", key.realm(), key.contractId(), key.accountId());
    }

    private String hashOf(String sealedPassword, AccountKey key) {
        byte[] clear = sealing.open(sealedPassword);
        try {
            char[] password = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(clear))
                    .array();
            try {
                if (password.length == 0 || new String(password).isBlank()) {
                    throw new UnreadableEventException("sealed initial password of " + key.realm() + " "
                            + key.contractId() + ":" + key.accountId() + " is empty");
                }
                return hashing.hash(java.nio.CharBuffer.wrap(password).toString());
            } finally {
                Arrays.fill(password, '\0');
            }
        } catch (CharacterCodingException e) {
            throw new UnreadableEventException("sealed initial password of " + key.realm() + " " + key.contractId()
                    + ":" + key.accountId() + " is not UTF-8");
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }
}
