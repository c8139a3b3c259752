package io.inkan.admin.user;

import java.time.Instant;

/**
 * A contract's user as stored here: contact data, lock state and the certificate read model.
 *
 * @param deletedAt when the administrator removed the user from the contract, or null
 */
record UserRecord(
        String contractId,
        String userId,
        String name,
        String email,
        String language,
        String loginId,
        boolean locked,
        CertificateState certificate,
        Instant deletedAt) {

    boolean deleted() {
        return deletedAt != null;
    }
}
