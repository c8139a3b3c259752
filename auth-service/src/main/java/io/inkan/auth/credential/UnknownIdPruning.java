package io.inkan.auth.credential;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Forgets unknown IDs on which no failure was counted for {@code inkan.auth.unknown-ids.retention}, so
 * that a caller spraying IDs fills at most (check rate × retention) small rows. Within the retention an
 * unknown ID, locked or not, answers exactly as a real account would; only after it has been left alone
 * that long does it start again from no failures (a real account's lock stays until an unlock). Every
 * instance may prune: deleting what another deleted changes nothing. Runs every {@code
 * inkan.auth.unknown-ids.prune-interval} on a {@link io.inkan.messaging.Periodic} of its own (see
 * {@link CredentialConfiguration}), so a slow delete never holds up anything else.
 */
@Component
class UnknownIdPruning {
    private static final Logger log = LoggerFactory.getLogger(UnknownIdPruning.class);

    private final UnknownIdRepository unknownIds;
    private final Duration retention;
    private final Clock clock;

    UnknownIdPruning(UnknownIdRepository unknownIds, CredentialProperties properties, Clock clock) {
        this.unknownIds = unknownIds;
        this.retention = properties.unknownIds().retention();
        this.clock = clock;
    }

    void prune() {
        int forgotten = unknownIds.forgetIdleSince(clock.instant().minus(retention));
        if (forgotten > 0) {
            log.info("Forgot {} unknown IDs with no failed attempt for {}", forgotten, retention);
        }
    }
}
