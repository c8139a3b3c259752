package io.inkan.notification.directory;

import io.inkan.events.AdministratorRegistered;
import io.inkan.events.Realm;
import io.inkan.events.UserContactChanged;
import io.inkan.events.UserRegistered;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the directory in step with admin-service: the one listener of each admin event type this service reads.
 * Runs in the transaction that marks the event applied.
 */
@Component
class DirectoryListener {
    private final Directory directory;

    DirectoryListener(Directory directory) {
        this.directory = directory;
    }

    @EventListener
    void on(UserRegistered event) {
        directory.register(
                event.contractId(), Realm.USER, event.userId(), event.name(), event.email(), event.language());
    }

    @EventListener
    void on(AdministratorRegistered event) {
        directory.register(
                event.contractId(), Realm.ADMIN, event.adminId(), event.name(), event.email(), event.language());
    }

    @EventListener
    void on(UserContactChanged event) {
        directory.changeContact(event.contractId(), Realm.USER, event.userId(), event.email(), event.language());
    }
}
