package io.inkan.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit trail's hash chain, checked here rather than trusted: the same algorithm as admin-service's
 * io.inkan.admin.audit.AuditChain (SHA-256 over the previous entry's hash and the entry's length-prefixed
 * canonical form), so a trail edited in the database, or in transit, does not verify.
 */
final class AuditChain {
    static final String GENESIS = "0".repeat(64);

    /** One entry as admin-service lists it. */
    record Entry(
            String contractId,
            long sequence,
            Instant occurredAt,
            String actorRealm,
            String actorId,
            String action,
            String target,
            String outcome,
            String detail,
            String previousHash,
            String hash) {

        String hashed() {
            StringBuilder canonical = new StringBuilder();
            for (String field : new String[] {
                contractId,
                Long.toString(sequence),
                occurredAt.toString(),
                actorRealm,
                actorId,
                action,
                target,
                outcome,
                detail
            }) {
                canonical
                        .append(field == null ? "-1:" : field.length() + ":" + field)
                        .append(';');
            }
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
                sha256.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(sha256.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }

        /** {@code entry 2 (2026-11-02T10:30:00Z, USER_ADDED U001 by admin A001)}. */
        String named() {
            return "entry " + sequence + " (" + occurredAt + ", " + action + " " + target + " by " + actorRealm + " "
                    + actorId + ")";
        }
    }

    private AuditChain() {}

    /** The first break in the chain, oldest first, or null when every entry is unchanged and linked. */
    static String firstBreak(List<Entry> oldestFirst) {
        String previous = GENESIS;
        long expected = 1;
        for (Entry entry : oldestFirst) {
            if (entry.sequence() != expected) {
                return "entry " + expected + " is missing";
            }
            if (!previous.equals(entry.previousHash())) {
                return entry.named() + " does not link to the entry before it";
            }
            if (!entry.hashed().equals(entry.hash())) {
                return entry.named() + ": its content does not match its hash (altered)";
            }
            previous = entry.hash();
            expected++;
        }
        return null;
    }
}
