package io.inkan.messaging;

import io.inkan.events.InkanEvent;

/**
 * Told of each event the {@link Outbox} recorded, once the transaction that recorded it has committed: where a
 * service counts the facts its events report ({@code inkan_certificates_issued_total} and the like). A transaction
 * that rolled back tells nothing, and an event the inbox dropped as a redelivery changed nothing and published
 * nothing, so each fact is counted once, when it became true.
 *
 * <p>Called on the committing thread after the commit; keep it quick (increment a counter). A failure is logged and
 * does not reach the caller, whose work is done.
 */
@FunctionalInterface
public interface CommittedEvents {
    void committed(InkanEvent event);
}
