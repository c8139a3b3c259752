package io.inkan.admin.audit;

/**
 * The result of checking a contract's audit chain.
 *
 * @param valid whether every entry is unchanged and linked
 * @param entries how many entries were checked
 * @param brokenAtSequence the first entry that fails, or null
 * @param problem what is wrong there, or null
 */
public record AuditVerification(String contractId, boolean valid, int entries, Long brokenAtSequence, String problem) {

    static AuditVerification intact(String contractId, int entries) {
        return new AuditVerification(contractId, true, entries, null, null);
    }

    static AuditVerification broken(String contractId, int entries, long sequence, String problem) {
        return new AuditVerification(contractId, false, entries, sequence, problem);
    }
}
