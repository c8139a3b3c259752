package io.inkan.admin.user;

import java.time.Instant;

/**
 * One usable certificate in the list of what expires soon.
 *
 * @param userName the user's name, so the screen needs no second call
 * @param renewalWaiting whether a renewal of this certificate is already issued and waits for its first use: the user
 *     has done their part, only the first logon with the new certificate is missing
 */
record ExpiringCertificate(
        String contractId,
        String userId,
        String userName,
        String serialNumber,
        Instant notAfter,
        boolean renewalWaiting) {}
