package io.inkan.admin.user;

/** A contract's user as stored here: contact data, lock state and the certificate read model. */
record UserRecord(
        String contractId,
        String userId,
        String name,
        String email,
        String language,
        String loginId,
        boolean locked,
        CertificateState certificate) {}
