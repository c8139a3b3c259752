package io.inkan.admin.audit;

import io.inkan.events.AccountLocked;
import io.inkan.events.AccountUnlocked;
import io.inkan.events.AcquisitionCodeExhausted;
import io.inkan.events.AuthEvent;
import io.inkan.events.AuthorizationLapsed;
import io.inkan.events.CertificateActivated;
import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import io.inkan.events.CertificateRequestRefused;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.IssuanceEvent;
import io.inkan.events.PasswordChanged;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Appends what auth-service and issuance-service report about a contract's people to that
 * contract's trail, so the administrator sees the whole story of a certificate. Called by the
 * service's one listener of each event type, in the transaction that marks the event applied.
 * Events about contracts this service does not know (no trail) are not recorded.
 */
@Component
public class LifecycleAudit {
    private static final String SYSTEM = "SYSTEM";
    private static final String AUTH = "auth-service";
    private static final String ISSUANCE = "issuance-service";

    private final AuditTrail trail;

    LifecycleAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(AuthEvent event) {
        switch (event) {
            case AccountLocked e ->
                record(
                        e.contractId(),
                        AUTH,
                        "AccountLocked",
                        account(e.realm(), e.accountId()),
                        "LOCKED",
                        "failedAttempts=" + e.failedAttempts(),
                        e.lockedAt());
            case AccountUnlocked e ->
                record(
                        e.contractId(),
                        AUTH,
                        "AccountUnlocked",
                        account(e.realm(), e.accountId()),
                        "UNLOCKED",
                        null,
                        e.unlockedAt());
            case CertificateRequested e ->
                record(
                        e.contractId(),
                        AUTH,
                        "CertificateRequested",
                        "user:" + e.userId(),
                        "REQUESTED",
                        "kind=" + e.kind() + " requestId=" + e.requestId(),
                        e.requestedAt());
            case CertificateRequestRefused e ->
                record(
                        e.contractId(),
                        AUTH,
                        "CertificateRequestRefused",
                        "user:" + e.userId(),
                        "REFUSED",
                        "reason=" + e.reason() + " requestId=" + e.requestId(),
                        e.refusedAt());
            case PasswordChanged e -> record(e);
            case AcquisitionCodeExhausted e ->
                record(
                        e.contractId(),
                        AUTH,
                        "AcquisitionCodeExhausted",
                        "user:" + e.userId(),
                        "VOIDED",
                        "authorizationId=" + e.authorizationId() + " failedAttempts=" + e.failedAttempts(),
                        e.exhaustedAt());
            case CertificateActivated e ->
                record(
                        e.contractId(),
                        AUTH,
                        "CertificateActivated",
                        "user:" + e.userId(),
                        "ACTIVATED",
                        "serial=" + e.serialNumber() + " replaces=" + e.replacesSerialNumber(),
                        e.activatedAt());
            default -> {
                // nothing about a contract's people worth recording
            }
        }
    }

    public void record(IssuanceEvent event) {
        switch (event) {
            case CertificateIssued e ->
                record(
                        e.contractId(),
                        ISSUANCE,
                        "CertificateIssued",
                        "user:" + e.userId(),
                        "ISSUED",
                        "serial=" + e.serialNumber() + " kind=" + e.kind() + " notAfter=" + e.notAfter()
                                + (e.replacesSerialNumber() == null ? "" : " replaces=" + e.replacesSerialNumber())
                                + (e.authorizationId() == null ? "" : " authorizationId=" + e.authorizationId()),
                        e.issuedAt() != null ? e.issuedAt() : e.notBefore());
            case CertificateRejected e ->
                record(
                        e.contractId(),
                        ISSUANCE,
                        "CertificateRejected",
                        "user:" + e.userId(),
                        "REJECTED",
                        "reason=" + e.reason() + " requestId=" + e.requestId(),
                        e.rejectedAt());
            case CertificateRevoked e ->
                record(
                        e.contractId(),
                        ISSUANCE,
                        "CertificateRevoked",
                        "user:" + e.userId(),
                        "REVOKED",
                        "serial=" + e.serialNumber() + " reason=" + e.reason().rfcName(),
                        e.revokedAt());
            case CertificateExpired e ->
                record(
                        e.contractId(),
                        ISSUANCE,
                        "CertificateExpired",
                        "user:" + e.userId(),
                        "EXPIRED",
                        "serial=" + e.serialNumber(),
                        e.notAfter());
            case AuthorizationLapsed e ->
                record(
                        e.contractId(),
                        ISSUANCE,
                        "AuthorizationLapsed",
                        "user:" + e.userId(),
                        "LAPSED",
                        "authorizationId=" + e.authorizationId(),
                        e.lapsedAt());
            default -> {
                // a newer event type: not part of the trail yet
            }
        }
    }

    /**
     * A holder's own change names the holder as actor (an operator's goes to the bank's trail); a reset's is
     * auth-service applying it, since the administrator's order was recorded when it was given.
     */
    private void record(PasswordChanged e) {
        String target = account(e.realm(), e.accountId());
        if (e.changedBy() == PasswordChanged.ChangedBy.ADMINISTRATOR) {
            record(
                    e.contractId(),
                    AUTH,
                    "PasswordChanged",
                    target,
                    "CHANGED",
                    "changedBy=ADMINISTRATOR",
                    e.changedAt());
            return;
        }
        String contractId = e.realm() == io.inkan.events.Realm.OPERATOR ? AuditTrail.BANK : e.contractId();
        if (contractId == null || (!AuditTrail.BANK.equals(contractId) && !trail.exists(contractId))) {
            return;
        }
        trail.append(new AuditRecord(
                contractId,
                e.realm().name(),
                e.accountId(),
                "PasswordChanged",
                target,
                "CHANGED",
                "changedBy=SELF",
                e.changedAt()));
    }

    private void record(
            String contractId, String source, String action, String target, String outcome, String detail, Instant at) {
        if (contractId == null || !trail.exists(contractId)) {
            return;
        }
        trail.append(new AuditRecord(
                contractId, SYSTEM, source, action, target, outcome, detail, at == null ? Instant.EPOCH : at));
    }

    private static String account(io.inkan.events.Realm realm, String id) {
        return realm.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
