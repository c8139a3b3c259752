package io.inkan.admin.user;

import io.inkan.admin.audit.AuditRecord;
import io.inkan.admin.audit.AuditTrail;
import io.inkan.admin.contract.Contracts;
import io.inkan.admin.initialpassword.InitialPasswords;
import io.inkan.admin.security.Caller;
import io.inkan.admin.web.ApiException;
import io.inkan.admin.web.Ids;
import io.inkan.events.AccountUnlockRequested;
import io.inkan.events.AcquisitionCodes;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificatesRevocationOrdered;
import io.inkan.events.IssuanceAuthorized;
import io.inkan.events.PasswordResetOrdered;
import io.inkan.events.Realm;
import io.inkan.events.RevocationReason;
import io.inkan.events.UserContactChanged;
import io.inkan.events.UserRegistered;
import io.inkan.events.UserRemoved;
import io.inkan.messaging.Outbox;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The administrator's work on a contract's users. Each change, the events it causes and its audit
 * entry commit in one transaction; actions lock the user's row, so a repeated or concurrent click is
 * decided once.
 *
 * <p>Repeating an action is harmless:
 *
 * <ul>
 *   <li>issuance authorization: while one is outstanding (issuance-service has said neither that an issuance
 *       used it nor that it lapsed), a second answers with the same authorization ID and publishes nothing;
 *   <li>reissue: while a reissue is outstanding, a second answers with the same authorization ID and publishes
 *       nothing, so no second certificate is allowed;
 *   <li>unlock: always published; auth-service unlocking an open account changes nothing.
 * </ul>
 *
 * <p>How long an authorization lasts is issuance-service's to decide ({@code inkan.issuance.authorization-validity});
 * this service does not read that property but waits for issuance-service's word (docs/design.md rule 10).
 */
@Component
public class Users {
    /**
     * Reasons an administrator or operator may give for a revocation (失効): the RFC 5280 reasons a customer's
     * certificate can have. Not CA or AA compromise (the bank's own), not certificateHold (a revocation is final),
     * not privilegeWithdrawn (the bank's call on a customer, not an act of the contract's administrator).
     */
    static final Set<RevocationReason> REVOCATION_REASONS = Set.of(
            RevocationReason.UNSPECIFIED,
            RevocationReason.KEY_COMPROMISE,
            RevocationReason.AFFILIATION_CHANGED,
            RevocationReason.SUPERSEDED,
            RevocationReason.CESSATION_OF_OPERATION);

    /**
     * Reasons an administrator may give for a reissue. Not CA or AA compromise (the bank's call, not
     * a contract's) and not certificateHold (a reissue is final).
     */
    static final Set<RevocationReason> REISSUE_REASONS = Set.of(
            RevocationReason.UNSPECIFIED,
            RevocationReason.KEY_COMPROMISE,
            RevocationReason.AFFILIATION_CHANGED,
            RevocationReason.SUPERSEDED,
            RevocationReason.CESSATION_OF_OPERATION,
            RevocationReason.PRIVILEGE_WITHDRAWN);

    private final UserRepository users;
    private final Contracts contracts;
    private final InitialPasswords initialPasswords;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AcquisitionCodeProperties acquisitionCodes;
    private final SecureRandom random = new SecureRandom();

    Users(
            UserRepository users,
            Contracts contracts,
            InitialPasswords initialPasswords,
            Outbox outbox,
            AuditTrail audit,
            PlatformTransactionManager transactionManager,
            Clock clock,
            AcquisitionCodeProperties acquisitionCodes) {
        this.users = users;
        this.contracts = contracts;
        this.initialPasswords = initialPasswords;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.acquisitionCodes = acquisitionCodes;
    }

    UserView register(Caller admin, String contractId, UserRequests.Register request) {
        requireContract(contractId);
        initialPasswords.check("initialPassword", request.initialPassword());
        if (users.exists(contractId, request.userId())) {
            throw refused(
                    admin, contractId, "RegisterUser", request.userId(), takenUserId(contractId, request.userId()));
        }
        if (request.loginId() != null && users.loginIdTaken(request.loginId())) {
            throw refused(admin, contractId, "RegisterUser", request.userId(), conflict("loginId"));
        }
        // CN={contractId}{userId}: C12 + 3 after C1 + 23 would share a certificate subject. Checked here for a
        // clear answer, and again by the key's primary key inside the transaction for two registrations at once.
        if (users.subjectTakenByAnother(contractId, request.userId())) {
            throw refused(admin, contractId, "RegisterUser", request.userId(), new AmbiguousUserIdException());
        }
        // sealed before the transaction: fetching the certificate may take a moment or fail (503)
        String sealed = initialPasswords.seal(request.initialPassword());
        String language = request.language() == null ? Ids.DEFAULT_LANGUAGE : request.language();
        Instant now = clock.instant();
        UserRecord user = new UserRecord(
                contractId,
                request.userId(),
                request.name(),
                request.email(),
                language,
                request.loginId(),
                false,
                CertificateState.NONE,
                null);
        try {
            transactions.executeWithoutResult(status -> {
                users.insert(user, admin.id(), now);
                users.claimSubject(contractId, user.userId());
                outbox.append(new UserRegistered(
                        contractId,
                        user.userId(),
                        user.name(),
                        user.email(),
                        language,
                        user.loginId(),
                        sealed,
                        admin.id(),
                        now));
                audit(admin, contractId, "RegisterUser", user.userId(), "loginId=" + user.loginId(), now);
            });
        } catch (DuplicateKeyException e) {
            if (users.exists(contractId, request.userId())) {
                throw refused(
                        admin, contractId, "RegisterUser", request.userId(), takenUserId(contractId, request.userId()));
            }
            if (users.subjectTakenByAnother(contractId, request.userId())) {
                throw refused(admin, contractId, "RegisterUser", request.userId(), new AmbiguousUserIdException());
            }
            throw refused(admin, contractId, "RegisterUser", request.userId(), conflict("loginId"));
        }
        return UserView.of(user);
    }

    List<UserView> list(String contractId) {
        requireContract(contractId);
        return users.all(contractId).stream().map(UserView::of).toList();
    }

    UserView get(String contractId, String userId) {
        requireContract(contractId);
        return users.find(contractId, userId).map(UserView::of).orElseThrow(() -> ApiException.notFound("user"));
    }

    /** Publishes {@code UserContactChanged} only when something changed. */
    UserView changeContact(Caller admin, String contractId, String userId, UserRequests.ChangeContact change) {
        requireContract(contractId);
        Instant now = clock.instant();
        return transactions.execute(status -> {
            UserRecord user = users.lock(contractId, userId).orElseThrow(() -> ApiException.notFound("user"));
            if (user.deleted()) {
                throw refused(admin, contractId, "ChangeUserContact", userId, UserRemovedException.deleted());
            }
            String name = change.name() != null ? change.name() : user.name();
            String email = change.email() != null ? change.email() : user.email();
            String language = change.language() != null ? change.language() : user.language();
            UserRecord changed = new UserRecord(
                    contractId, userId, name, email, language, user.loginId(), user.locked(), user.certificate(), null);
            if (Objects.equals(email, user.email())
                    && Objects.equals(language, user.language())
                    && Objects.equals(name, user.name())) {
                return UserView.of(user);
            }
            users.updateContact(contractId, userId, name, email, language);
            if (!Objects.equals(email, user.email()) || !Objects.equals(language, user.language())) {
                outbox.append(new UserContactChanged(contractId, userId, email, language, now));
            }
            audit(admin, contractId, "ChangeUserContact", userId, "language=" + language, now);
            return UserView.of(changed);
        });
    }

    AuthorizationAnswer authorizeIssuance(Caller admin, String contractId, String userId) {
        return act(admin, contractId, userId, "AuthorizeIssuance", user -> {
            Instant now = clock.instant();
            CertificateState state = user.certificate();
            var outstanding = state.outstanding(); // of either kind: the user may obtain a certificate already
            if (outstanding.isPresent()) {
                audit(admin, contractId, "AuthorizeIssuance", userId, "already outstanding", now, "UNCHANGED");
                return new AuthorizationAnswer(outstanding.get().id(), false, null);
            }
            String id = UUID.randomUUID().toString();
            String code = newCode();
            users.updateCertificate(contractId, userId, state, state.authorized(id, AuthorizationKind.ISSUANCE, now));
            outbox.append(new IssuanceAuthorized(contractId, userId, id, admin.id(), now, hashOf(code)));
            audit(admin, contractId, "AuthorizeIssuance", userId, "authorizationId=" + id + codeNote(code), now);
            return new AuthorizationAnswer(id, true, code);
        });
    }

    /**
     * A reissue while an issuance authorization is outstanding is granted beside it: issuance-service keeps both
     * rights until it uses or lets each lapse, and so does the read model.
     */
    AuthorizationAnswer reissue(Caller admin, String contractId, String userId, RevocationReason reason) {
        return act(admin, contractId, userId, "Reissue", user -> {
            Instant now = clock.instant();
            CertificateState state = user.certificate();
            var outstanding = state.outstanding(AuthorizationKind.REISSUE);
            if (outstanding.isPresent()) {
                audit(admin, contractId, "Reissue", userId, "already outstanding", now, "UNCHANGED");
                return new AuthorizationAnswer(outstanding.get().id(), false, null);
            }
            String id = UUID.randomUUID().toString();
            String code = newCode();
            users.updateCertificate(contractId, userId, state, state.authorized(id, AuthorizationKind.REISSUE, now));
            outbox.append(
                    new CertificateReissueAuthorized(contractId, userId, id, reason, admin.id(), now, hashOf(code)));
            audit(
                    admin,
                    contractId,
                    "Reissue",
                    userId,
                    "authorizationId=" + id + " reason=" + reason.rfcName() + " serial=" + state.currentSerial()
                            + codeNote(code),
                    now);
            return new AuthorizationAnswer(id, true, code);
        });
    }

    void unlock(Caller admin, String contractId, String userId) {
        act(admin, contractId, userId, "UnlockUser", user -> {
            Instant now = clock.instant();
            outbox.append(new AccountUnlockRequested(Realm.USER, contractId, userId, admin.id(), now));
            audit(admin, contractId, "UnlockUser", userId, "locked=" + user.locked(), now);
            return null;
        });
    }

    /**
     * Checks the temporary password by the initial passwords' policy and seals it to auth-service, which sets it
     * (and unlocks the user) and answers with PasswordChanged. Every reset is published: each is a new password.
     */
    void resetPassword(Caller admin, String contractId, String userId, String temporaryPassword) {
        requireContract(contractId);
        initialPasswords.check("temporaryPassword", temporaryPassword);
        // sealed before the transaction: fetching the certificate may take a moment or fail (503)
        String sealed = initialPasswords.seal(temporaryPassword);
        act(admin, contractId, userId, "ResetPassword", user -> {
            Instant now = clock.instant();
            outbox.append(new PasswordResetOrdered(contractId, userId, sealed, admin.id(), now));
            audit(admin, contractId, "ResetPassword", userId, "locked=" + user.locked(), now);
            return null;
        });
    }

    /**
     * 失効: every usable certificate of the user is to be revoked for {@code reason}, by the contract's administrator
     * or a bank operator. Nothing is authorized. Published whatever this read model shows: which certificates are
     * usable is issuance-service's to know (one issued a moment ago may not be shown here yet), and revoking nothing
     * is harmless, so a user without a usable certificate answers 202 as well.
     */
    void revokeCertificates(Caller caller, String contractId, String userId, RevocationReason reason) {
        act(caller, contractId, userId, "RevokeCertificates", user -> {
            Instant now = clock.instant();
            CertificateState state = user.certificate();
            outbox.append(new CertificatesRevocationOrdered(contractId, userId, reason, caller.id(), now));
            audit(
                    caller,
                    contractId,
                    "RevokeCertificates",
                    userId,
                    "reason=" + reason.rfcName() + " serial=" + state.currentSerial() + " renewal="
                            + state.pendingSerial(),
                    now);
            return null;
        });
    }

    /**
     * The user leaves the contract: marked deleted (kept in the list and the trail, the ID retired) and
     * {@code UserRemoved} published, on which issuance-service revokes the certificates, auth-service refuses every
     * logon and notification-service stops mailing. A second removal changes nothing and answers {@code false}.
     */
    boolean remove(Caller admin, String contractId, String userId) {
        requireContract(contractId);
        try {
            return transactions.execute(status -> {
                UserRecord user = users.lock(contractId, userId).orElseThrow(() -> ApiException.notFound("user"));
                Instant now = clock.instant();
                if (user.deleted()) {
                    audit(admin, contractId, "RemoveUser", userId, "already removed", now, "UNCHANGED");
                    return false;
                }
                users.markDeleted(contractId, userId, admin.id(), now);
                outbox.append(new UserRemoved(contractId, userId, admin.id(), now));
                audit(
                        admin,
                        contractId,
                        "RemoveUser",
                        userId,
                        "serial=" + user.certificate().currentSerial() + " loginId=" + user.loginId(),
                        now);
                return true;
            });
        } catch (ApiException e) {
            throw refused(admin, contractId, "RemoveUser", userId, e);
        }
    }

    private <T> T act(Caller admin, String contractId, String userId, String name, Function<UserRecord, T> action) {
        requireContract(contractId);
        try {
            return transactions.execute(status -> {
                UserRecord user = users.lock(contractId, userId).orElseThrow(() -> ApiException.notFound("user"));
                if (user.deleted()) {
                    throw UserRemovedException.deleted();
                }
                return action.apply(user);
            });
        } catch (ApiException e) {
            throw refused(admin, contractId, name, userId, e);
        }
    }

    /** A removed user's ID is retired (USER_ID_RETIRED); any other taken ID is a plain conflict. */
    private ApiException takenUserId(String contractId, String userId) {
        boolean retired =
                users.find(contractId, userId).map(UserRecord::deleted).orElse(false);
        return retired ? UserRemovedException.idRetired() : conflict("userId");
    }

    private static ApiException conflict(String field) {
        return "userId".equals(field)
                ? ApiException.conflict("userId", "A user with this ID exists in the contract already.")
                : ApiException.conflict("loginId", "This login ID is taken.");
    }

    /** Records the refusal in the contract's trail and returns it to be thrown. */
    private ApiException refused(Caller admin, String contractId, String action, String userId, ApiException e) {
        audit.appendRefusal(new AuditRecord(
                contractId,
                admin.realm().name(),
                admin.id(),
                action,
                "user:" + userId,
                "REFUSED",
                "code=" + e.code() + (e.field() == null ? "" : " field=" + e.field()),
                clock.instant()));
        return e;
    }

    private void requireContract(String contractId) {
        if (!contracts.exists(contractId)) {
            throw ApiException.notFound("contract");
        }
    }

    private void audit(Caller admin, String contractId, String action, String userId, String detail, Instant at) {
        audit(admin, contractId, action, userId, detail, at, "ACCEPTED");
    }

    private void audit(
            Caller admin, String contractId, String action, String userId, String detail, Instant at, String outcome) {
        audit.append(new AuditRecord(
                contractId, admin.realm().name(), admin.id(), action, "user:" + userId, outcome, detail, at));
    }

    /** An authorization's ID, and whether this call granted it ({@code false}: it was outstanding already). */
    /**
     * A new one-time acquisition code when {@code inkan.issuance.acquisition-code} is REQUIRED, else null. It lives
     * only in this answer: the event carries its salted hash, the audit trail only that a code was required.
     */
    private String newCode() {
        return acquisitionCodes.required() ? AcquisitionCodes.newCode(random) : null;
    }

    private String hashOf(String code) {
        return code == null ? null : AcquisitionCodes.hash(code, random);
    }

    private static String codeNote(String code) {
        return code == null ? "" : " acquisitionCode=required";
    }

    /**
     * @param acquisitionCode the one-time code the user must give with the request, shown this once; null when none
     *     is required, or when an outstanding authorization answers again (its code was shown when it was granted)
     */
    record AuthorizationAnswer(String authorizationId, boolean granted, String acquisitionCode) {
        @Override
        public String toString() {
            return "AuthorizationAnswer[authorizationId=" + authorizationId + ", granted=" + granted + "]";
        }
    }
}
