package io.inkan.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private final Instant at = Instant.parse("2026-04-01T09:00:00.123456Z");

    private List<AuditEntry> chain(int length) {
        List<AuditEntry> entries = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int i = 1; i <= length; i++) {
            String hash =
                    AuditChain.hash(previous, "C1", i, at, "ADMIN", "a1", "Reissue", "user:u" + i, "ACCEPTED", null);
            entries.add(new AuditEntry(
                    "C1", i, at, "ADMIN", "a1", "Reissue", "user:u" + i, "ACCEPTED", null, previous, hash));
            previous = hash;
        }
        return entries;
    }

    private static String head(List<AuditEntry> entries) {
        return entries.get(entries.size() - 1).entryHash();
    }

    @Test
    void anUntouchedChainVerifies() {
        List<AuditEntry> entries = chain(3);
        AuditVerification result = AuditChain.verify("C1", entries, 3, head(entries));
        assertThat(result.valid()).isTrue();
        assertThat(result.entries()).isEqualTo(3);
    }

    @Test
    void anEditedEntryIsReportedAtItsSequence() {
        List<AuditEntry> entries = chain(3);
        AuditEntry second = entries.get(1);
        entries.set(
                1,
                new AuditEntry(
                        "C1",
                        2,
                        at,
                        "ADMIN",
                        "intruder",
                        second.action(),
                        second.target(),
                        second.outcome(),
                        null,
                        second.previousHash(),
                        second.entryHash()));
        AuditVerification result = AuditChain.verify("C1", entries, 3, head(entries));
        assertThat(result.valid()).isFalse();
        assertThat(result.brokenAtSequence()).isEqualTo(2);
    }

    @Test
    void aDeletedEntryIsReported() {
        List<AuditEntry> entries = chain(3);
        String head = head(entries);
        entries.remove(1);
        AuditVerification result = AuditChain.verify("C1", entries, 3, head);
        assertThat(result.valid()).isFalse();
        assertThat(result.brokenAtSequence()).isEqualTo(2);
    }

    @Test
    void aTruncatedChainIsReported() {
        List<AuditEntry> entries = chain(3);
        String head = head(entries);
        entries.remove(2);
        assertThat(AuditChain.verify("C1", entries, 3, head).valid()).isFalse();
    }

    @Test
    void fieldsCannotBeShiftedIntoEachOther() {
        String a = AuditChain.hash(AuditChain.GENESIS, "C1", 1, at, "ADMIN", "a1", "X", "ab", "c", null);
        String b = AuditChain.hash(AuditChain.GENESIS, "C1", 1, at, "ADMIN", "a1", "X", "a", "bc", null);
        String c = AuditChain.hash(AuditChain.GENESIS, "C1", 1, at, "ADMIN", "a1", "X", "a", "bc", "");
        assertThat(a).isNotEqualTo(b);
        assertThat(b).isNotEqualTo(c);
    }
}
