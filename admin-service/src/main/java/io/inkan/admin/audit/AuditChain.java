package io.inkan.admin.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain of a contract's audit trail: each entry's hash is SHA-256 over the previous entry's
 * hash and the entry's canonical form, so editing, removing or reordering any entry breaks every link
 * after it. The canonical form length-prefixes each field, so no two different entries share one.
 */
final class AuditChain {
    /** The "previous hash" of a chain's first entry. */
    static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    static String hash(
            String previousHash,
            String contractId,
            long sequence,
            java.time.Instant occurredAt,
            String actorRealm,
            String actorId,
            String action,
            String target,
            String outcome,
            String detail) {
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
            if (field == null) {
                canonical.append("-1:");
            } else {
                canonical.append(field.length()).append(':').append(field);
            }
            canonical.append(';');
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

    static String hashOf(AuditEntry e) {
        return hash(
                e.previousHash(),
                e.contractId(),
                e.sequence(),
                e.occurredAt(),
                e.actorRealm(),
                e.actorId(),
                e.action(),
                e.target(),
                e.outcome(),
                e.detail());
    }

    /**
     * Checks a whole chain, oldest first, against its recorded head.
     *
     * @param headSequence the sequence the chain's head says was appended last
     * @param headHash the hash the chain's head says was appended last
     */
    static AuditVerification verify(
            String contractId, List<AuditEntry> oldestFirst, long headSequence, String headHash) {
        String previous = GENESIS;
        long expectedSequence = 1;
        for (AuditEntry entry : oldestFirst) {
            if (entry.sequence() != expectedSequence) {
                return AuditVerification.broken(
                        contractId, oldestFirst.size(), expectedSequence, "entry " + expectedSequence + " is missing");
            }
            if (!entry.previousHash().equals(previous)) {
                return AuditVerification.broken(
                        contractId, oldestFirst.size(), entry.sequence(), "does not link to the entry before it");
            }
            if (!hashOf(entry).equals(entry.entryHash())) {
                return AuditVerification.broken(
                        contractId, oldestFirst.size(), entry.sequence(), "content does not match its hash");
            }
            previous = entry.entryHash();
            expectedSequence++;
        }
        if (expectedSequence - 1 != headSequence || !previous.equals(headHash)) {
            return AuditVerification.broken(
                    contractId,
                    oldestFirst.size(),
                    expectedSequence,
                    "entries after " + (expectedSequence - 1) + " are missing");
        }
        return AuditVerification.intact(contractId, oldestFirst.size());
    }
}
