package io.inkan.issuance.certificate;

import io.inkan.events.AcquisitionCodeExhausted;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRejected;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CertificatesRevocationOrdered;
import io.inkan.events.IssuanceAuthorized;
import io.inkan.events.RejectionReason;
import io.inkan.events.RevocationCause;
import io.inkan.events.RevocationReason;
import io.inkan.events.UserRemoved;
import io.inkan.issuance.authority.IssuingCas;
import io.inkan.issuance.authority.Pem;
import io.inkan.issuance.authority.Signer;
import io.inkan.issuance.policy.CertificateProperties;
import io.inkan.issuance.policy.IssuanceProperties;
import io.inkan.issuance.right.Authorization;
import io.inkan.issuance.right.Decision;
import io.inkan.issuance.right.HeldCertificate;
import io.inkan.issuance.right.IssuanceRights;
import io.inkan.issuance.right.UserCertificates;
import io.inkan.messaging.Outbox;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The issuance cycle (docs/issuance-cycle.md), after Boulder's: every request passes the same numbered steps, and
 * nothing is signed before the right and the CSR have been checked and the serial number reserved. Like Boulder's CA
 * it has two halves: decide and prepare (steps 1–4, ending in a {@link PreparedCertificate}), then issue (steps 5–7 in
 * {@link Issuer}, then persist and publish).
 *
 * <ol>
 *   <li>Check the right to issue (docs/contract.md §2): issue, reject, or hold for an authorization in flight. The
 *       rules decide the kind issued and whether it waits for its first use.
 *   <li>Check the CSR: parses, signature verifies, key policy (WEAK_KEY), key never certified before (KEY_REUSED).
 *       Check the subject (from configuration) belongs to no other (contract, user) (NOT_AUTHORIZED).
 *   <li>Reserve a random 128-bit serial number, unique in the database.
 *   <li>Build the certificate from the profile (subject from configuration, never from the CSR).
 *   <li>Audit-log "signing" with what is signed (no key material).
 *   <li>Sign with the issuing CA ({@link Signer}).
 *   <li>Parse and verify the result: signature, key, serial, subject, the CA's validity.
 *   <li>Persist: revoke what it supersedes at once, store it in the user's slot, claim its subject for the user, use
 *       up the authorization.
 *   <li>Publish CertificateIssued (or CertificateRejected at any step) through the outbox.
 * </ol>
 *
 * Every method runs inside the caller's transaction: a failure anywhere rolls back the whole attempt, including the
 * serial's reservation and the use of the authorization, and the request is tried again.
 */
@Component
class IssuanceCycle {
    private static final Logger log = LoggerFactory.getLogger(IssuanceCycle.class);

    private final IssuanceRights rights;
    private final RequestRepository requests;
    private final CertificateRepository certificates;
    private final CertificateLifecycle lifecycle;
    private final SubjectOwners subjects;
    private final SerialNumbers serials;
    private final Outbox outbox;
    private final IssuanceProperties issuance;
    private final IssuingCas cas;
    private final Issuer issuer;

    IssuanceCycle(
            IssuanceRights rights,
            RequestRepository requests,
            CertificateRepository certificates,
            CertificateLifecycle lifecycle,
            SubjectOwners subjects,
            SerialNumbers serials,
            IssuingCas cas,
            Outbox outbox,
            IssuanceProperties issuance,
            CertificateProperties certificate) {
        this.rights = rights;
        this.requests = requests;
        this.certificates = certificates;
        this.lifecycle = lifecycle;
        this.subjects = subjects;
        this.serials = serials;
        this.outbox = outbox;
        this.issuance = issuance;
        this.cas = cas;
        this.issuer = new Issuer(cas, certificate, issuance);
    }

    /** A request arrives. The same request ID seen again is ignored: one request, one decision. */
    void onRequest(CertificateRequested event, Instant now) {
        var registered = requests.register(event, now, issuance.pendingTimeout().addTo(now));
        if (registered.isEmpty()) {
            log.info("Request {} of {}:{} seen before; ignored", event.requestId(), event.contractId(), event.userId());
            return;
        }
        attempt(registered.get(), now);
    }

    /** 発行手続き: the administrator allowed one issuance; a request held for it is tried again at once. */
    void onAuthorization(IssuanceAuthorized event, Instant now) {
        rights.authorize(
                event.authorizationId(),
                event.contractId(),
                event.userId(),
                Authorization.Kind.ISSUANCE,
                event.authorizedAt(),
                event.acquisitionCodeHash() != null);
        retryHeld(event.contractId(), event.userId(), now);
    }

    /**
     * 初期化: the user's usable certificates are revoked for the administrator's reason and one issuance is allowed,
     * in this order, so that a request held for the reissue is decided against what the user holds after it.
     */
    void onReissue(CertificateReissueAuthorized event, Instant now) {
        rights.authorize(
                event.authorizationId(),
                event.contractId(),
                event.userId(),
                Authorization.Kind.REISSUE,
                event.authorizedAt(),
                event.acquisitionCodeHash() != null);
        lifecycle.revokeUsable(event.contractId(), event.userId(), event.reason(), RevocationCause.REISSUE, now);
        retryHeld(event.contractId(), event.userId(), now);
    }

    /**
     * 失効: the user's usable certificates (the current one, and a renewal awaiting its first use) are revoked for
     * the reason given, and nothing is authorized: an authorization given before and not used is voided
     * ({@link IssuanceRights#voidOutstanding}), so in ADMIN_AUTHORIZED a new certificate needs a new authorization.
     * A user with no usable certificate loses nothing more than such an authorization.
     */
    void onRevocationOrdered(CertificatesRevocationOrdered event, Instant now) {
        lifecycle.expireDue(event.contractId(), event.userId(), now);
        lifecycle.revokeUsable(
                event.contractId(), event.userId(), event.reason(), RevocationCause.REVOCATION_ORDER, now);
        rights.voidOutstanding(event.contractId(), event.userId(), now, "revocation ordered by " + event.orderedBy());
    }

    /**
     * The user left the contract: no more issuance (every later request, and any request held now, is rejected
     * {@code USER_REMOVED}), the usable certificates revoked {@code cessationOfOperation}, the unused authorizations
     * voided.
     */
    void onUserRemoved(UserRemoved event, Instant now) {
        rights.removeUser(event.contractId(), event.userId(), now);
        lifecycle.expireDue(event.contractId(), event.userId(), now);
        lifecycle.revokeUsable(
                event.contractId(),
                event.userId(),
                RevocationReason.CESSATION_OF_OPERATION,
                RevocationCause.USER_REMOVAL,
                now);
        rights.voidOutstanding(event.contractId(), event.userId(), now, "user removed by " + event.removedBy());
        retryHeld(event.contractId(), event.userId(), now);
    }

    /**
     * Five wrong acquisition codes (auth-service's AcquisitionCodeExhausted): the authorization is voided, and a
     * request held for it is decided again (it is then rejected NOT_AUTHORIZED when its wait is over).
     */
    void onAcquisitionCodeExhausted(AcquisitionCodeExhausted event, Instant now) {
        rights.voidExhausted(event.contractId(), event.userId(), event.authorizationId(), now);
    }

    /** Tries the user's held requests again (an authorization arrived). */
    void retryHeld(String contractId, String userId, Instant now) {
        for (HeldRequest request : requests.heldOf(contractId, userId)) {
            attempt(request, now);
        }
    }

    /** Decides a PENDING request now: issued, rejected, or still held. */
    void attempt(HeldRequest request, Instant now) {
        // 1. Check the right to issue.
        lifecycle.expireDue(request.contractId(), request.userId(), now);
        List<StoredCertificate> usable = certificates.usableForUpdate(request.contractId(), request.userId());
        UserCertificates held = new UserCertificates(
                inSlot(usable, StoredCertificate.Slot.CURRENT),
                inSlot(usable, StoredCertificate.Slot.SUCCESSOR),
                certificates
                        .latestIfExpired(request.contractId(), request.userId())
                        .map(c -> new HeldCertificate(c.serialNumber(), c.notAfter()))
                        .orElse(null));
        Decision decision = rights.decide(
                request.contractId(),
                request.userId(),
                request.kind(),
                request.namedAuthorization(),
                request.receivedAt(),
                now,
                held);
        switch (decision) {
            case Decision.Hold hold ->
                log.info(
                        "Request {} of {}:{} waits for an authorization until {}",
                        request.requestId(),
                        request.contractId(),
                        request.userId(),
                        hold.until());
            case Decision.Reject reject -> reject(request, reject.reason(), reject.detail(), now);
            case Decision.Issue issue ->
                prepare(request, issue, now).ifPresent(ready -> issue(request, issue, ready, usable, now));
        }
    }

    /**
     * The first half's outcome: the certificate ready to sign, and whether its subject is still unclaimed (the user's
     * first certificate claims it in step 8).
     */
    private record Prepared(PreparedCertificate certificate, boolean claimsSubject) {}

    /** Steps 2–4: the first half, up to a certificate ready to sign; empty when the request was rejected. */
    private Optional<Prepared> prepare(HeldRequest request, Decision.Issue decision, Instant now) {
        // 2. Check the CSR: it parses, its signature verifies, its key is acceptable and was never certified.
        CheckedCsr csr;
        try {
            csr = issuer.check(request.csrPem());
        } catch (CsrRejected e) {
            reject(request, e.reason(), e.getMessage(), now);
            return Optional.empty();
        }
        if (certificates.keyCertifiedBefore(csr.spkiSha256())) {
            reject(request, RejectionReason.KEY_REUSED, "this public key was certified before", now);
            return Optional.empty();
        }
        // The subject comes from the profile; with CN={contractId}{userId}, (C1, 23) and (C12, 3) would share one.
        // admin-service refuses to register such a pair; this is the last line, for whatever got past it (pairs
        // registered before that rule, a subject template that joins IDs in another way). The contract's rejection
        // reasons are fixed, so it is NOT_AUTHORIZED with a detail that says why.
        X500Principal subject = issuer.subject(request.contractId(), request.userId());
        var owner = subjects.ownerOf(subject);
        boolean ownedByAnother = owner.isPresent()
                && !(owner.get().contractId().equals(request.contractId())
                        && owner.get().userId().equals(request.userId()));
        if (ownedByAnother) {
            reject(
                    request,
                    RejectionReason.NOT_AUTHORIZED,
                    "the certificate subject made of this contract and user ID belongs to another user"
                            + " (their IDs read the same)",
                    now);
            return Optional.empty();
        }

        // 3. Reserve a random serial number, unique in the database. The reservation belongs to this attempt's
        // transaction: should anything below fail, it rolls back with the rest, and nothing signed with it was seen.
        BigInteger serial = serials.reserve(now);

        // 4. Build the certificate from the profile, for the CA current now: a roll made by another instance is seen
        // here at the latest.
        cas.refresh();
        PreparedCertificate certificate = issuer.prepare(
                request.requestId(), request.contractId(), request.userId(), decision.kind(), csr, serial, now);
        return Optional.of(new Prepared(certificate, owner.isEmpty()));
    }

    /** Steps 5–9: the second half, from the signature to the published event. */
    private void issue(
            HeldRequest request, Decision.Issue decision, Prepared ready, List<StoredCertificate> usable, Instant now) {
        PreparedCertificate prepared = ready.certificate();
        // 5.–7. Audit-log "signing", sign, parse and verify the result before anyone sees it.
        X509Certificate certificate = issuer.issue(prepared);

        // 8. Persist: revoke what the new certificate supersedes at once, store it, use up the authorization.
        for (StoredCertificate old : usable) {
            if (decision.revokeAtOnce().contains(old.serialNumber())) {
                lifecycle.revoke(old, RevocationReason.SUPERSEDED, RevocationCause.RENEWAL, now);
            }
        }
        String serialHex = prepared.serialNumber();
        String pem = Pem.of(certificate);
        String fingerprint = fingerprint(certificate);
        StoredCertificate stored = new StoredCertificate(
                serialHex,
                request.requestId(),
                request.contractId(),
                request.userId(),
                decision.kind().name(),
                prepared.subject.getName(),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                fingerprint,
                pem,
                CertificateStatus.ACTIVE,
                decision.successor() ? StoredCertificate.Slot.SUCCESSOR : StoredCertificate.Slot.CURRENT,
                decision.replacesSerialNumber(),
                null,
                null,
                prepared.signer.keyId());
        certificates.insert(stored, prepared.csr.spkiSha256(), now);
        if (ready.claimsSubject()) {
            subjects.claim(prepared.subject, request.contractId(), request.userId(), now);
        }
        if (decision.authorizationId() != null) {
            rights.useAuthorization(decision.authorizationId(), request.requestId(), now);
        }
        requests.issued(request.requestId(), serialHex, now);

        // 9. Publish what was decided, so that no other service works it out again (docs/design.md rule 10): the
        // kind issued, whether it waits for its first logon, from when it is renewable, the authorization it used.
        outbox.append(new CertificateIssued(
                request.requestId(),
                request.contractId(),
                request.userId(),
                decision.kind(),
                serialHex,
                stored.subject(),
                prepared.issuer.getSubjectX500Principal().getName(),
                stored.notBefore(),
                stored.notAfter(),
                fingerprint,
                pem,
                Pem.of(Issuer.chain(prepared)),
                decision.replacesSerialNumber(),
                now,
                decision.successor(),
                rights.renewableFrom(stored.notAfter()),
                decision.authorizationId(),
                request.channel()));
        log.info(
                "Issued {} certificate {} to {}:{} for request {}",
                decision.kind(),
                serialHex,
                request.contractId(),
                request.userId(),
                request.requestId());
    }

    private void reject(HeldRequest request, RejectionReason reason, String detail, Instant now) {
        log.info(
                "Rejected request {} of {}:{}: {} ({})",
                request.requestId(),
                request.contractId(),
                request.userId(),
                reason,
                detail);
        requests.rejected(request.requestId(), reason, now);
        outbox.append(new CertificateRejected(
                request.requestId(), request.contractId(), request.userId(), reason, detail, now));
    }

    private static HeldCertificate inSlot(List<StoredCertificate> usable, StoredCertificate.Slot slot) {
        return usable.stream()
                .filter(c -> c.slot() == slot)
                .findFirst()
                .map(c -> new HeldCertificate(c.serialNumber(), c.notAfter()))
                .orElse(null);
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return CsrPolicy.sha256Hex(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
