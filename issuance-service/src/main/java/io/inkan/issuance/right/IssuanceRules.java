package io.inkan.issuance.right;

import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.events.Span;
import io.inkan.issuance.policy.IssuanceMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * docs/contract.md §2 as code: may this user have a certificate now, what kind of issuance is it, and what does it
 * replace? Pure: the caller reads the user's state, asks, and acts on the answer in one transaction.
 *
 * <p>The kind is decided here and nowhere else (docs/design.md rule 10). The request says only what the customer
 * asked for: RENEWAL from a session opened with a certificate, NEW with ID and password (an older auth-service also
 * said REISSUE after an administrator's reissue). What is issued follows from this service's own records: a pending
 * reissue right makes a REISSUE, an expired certificate within the grace makes a RENEWAL, and so on.
 */
public final class IssuanceRules {
    private final IssuanceMode mode;
    private final Span renewalWindow;
    private final Span postExpiryGrace;
    private final Span authorizationValidity;
    private final Span pendingTimeout;

    public IssuanceRules(
            IssuanceMode mode,
            Span renewalWindow,
            Span postExpiryGrace,
            Span authorizationValidity,
            Span pendingTimeout) {
        this.mode = mode;
        this.renewalWindow = renewalWindow;
        this.postExpiryGrace = postExpiryGrace;
        this.authorizationValidity = authorizationValidity;
        this.pendingTimeout = pendingTimeout;
    }

    public Decision decide(Question question) {
        Instant now = question.now();
        UserCertificates held = question.certificates();
        HeldCertificate current = held.current();

        // A renewal from a session opened with the current certificate: only inside the renewal window, in both
        // styles. The new certificate waits for its first logon; until then the current one stays good.
        if (question.kind() == RequestKind.RENEWAL && current != null) {
            Instant windowOpens = renewableFrom(current.notAfter());
            if (now.isBefore(windowOpens)) {
                return new Decision.Reject(
                        RejectionReason.RENEWAL_TOO_EARLY,
                        "certificate " + current.serialNumber() + " can be renewed from " + windowOpens);
            }
            // A renewal that was never installed is replaced by this one.
            List<String> revoke = held.successor() == null
                    ? List.of()
                    : List.of(held.successor().serialNumber());
            return new Decision.Issue(RequestKind.RENEWAL, true, current.serialNumber(), null, revoke);
        }

        // An administrator's right the user holds: a reissue right first (the issuance that follows a reissue is the
        // reissue, even while an older issuance authorization is outstanding), else the oldest authorization.
        Optional<Authorization> right =
                usableAuthorization(question.authorizations(), question.namedAuthorization(), now);
        // An older auth-service said REISSUE itself; its request is a reissue too (and waits for the right in flight).
        boolean reissue = question.kind() == RequestKind.REISSUE
                || right.map(a -> a.kind() == Authorization.Kind.REISSUE).orElse(false);
        RequestKind kind = reissue ? RequestKind.REISSUE : RequestKind.NEW;

        // After expiry, ID and password still renew during the grace period, whatever the request says: the
        // user's latest certificate expired (it was not revoked) and nothing replaced it. Issued as the user's
        // certificate at once: there is no other one to wait beside.
        HeldCertificate expired = held.lastExpired();
        if (!reissue && current == null && expired != null && now.isBefore(postExpiryGrace.addTo(expired.notAfter()))) {
            return new Decision.Issue(RequestKind.RENEWAL, false, expired.serialNumber(), null, usable(held));
        }

        if (mode == IssuanceMode.SELF_SERVICE) {
            // No right is needed. One the administrator gave all the same (a reissue) is used up by this issuance, so
            // that it neither makes a later request a reissue nor lapses as if the user had never come.
            return new Decision.Issue(
                    kind,
                    false,
                    serialOf(current),
                    right.map(Authorization::authorizationId).orElse(null),
                    usable(held));
        }

        if (right.isPresent()) {
            // One certificate per user: an authorized issuance supersedes whatever the user still holds.
            return new Decision.Issue(
                    kind, false, serialOf(current), right.get().authorizationId(), usable(held));
        }

        // The authorization may still be on its way (another topic, no order across topics): wait, bounded.
        Instant waitUntil = pendingTimeout.addTo(question.receivedAt());
        if (now.isBefore(waitUntil)) {
            return new Decision.Hold(waitUntil);
        }
        return new Decision.Reject(RejectionReason.NOT_AUTHORIZED, whyNotAuthorized(question, now));
    }

    /** From when a certificate valid until {@code notAfter} may be renewed. */
    public Instant renewableFrom(Instant notAfter) {
        return renewalWindow.subtractFrom(notAfter);
    }

    /** When an authorization given at {@code authorizedAt} lapses unless used before. */
    public Instant lapsesAt(Instant authorizedAt) {
        return authorizationValidity.addTo(authorizedAt);
    }

    /** Whether an authorization may still be used at {@code now}: unused, and not lapsed. */
    boolean usable(Authorization authorization, Instant now) {
        return authorization.unused()
                && authorization.lapsedAt() == null
                && now.isBefore(lapsesAt(authorization.authorizedAt()));
    }

    /**
     * The right an issuance now would use up: the oldest usable reissue right, else the oldest usable authorization.
     * One that came with an acquisition code counts only for the request that names it, the one whose code auth-service
     * checked: whoever has the password alone must not use it, not even with a request held while it was in flight.
     */
    Optional<Authorization> usableAuthorization(List<Authorization> authorizations, String named, Instant now) {
        return authorizations.stream()
                .filter(a -> usable(a, now))
                .filter(a -> !a.acquisitionCode() || a.authorizationId().equals(named))
                .min(Comparator.comparing((Authorization a) -> a.kind() != Authorization.Kind.REISSUE)
                        .thenComparing(Authorization::authorizedAt));
    }

    private String whyNotAuthorized(Question question, Instant now) {
        boolean codeMissing = question.authorizations().stream().anyMatch(a -> usable(a, now) && a.acquisitionCode());
        if (codeMissing) {
            return "the administrator's authorization needs its acquisition code with the request";
        }
        List<Authorization> unused =
                question.authorizations().stream().filter(Authorization::unused).toList();
        if (!unused.isEmpty()) {
            return "the administrator's authorization lapsed (valid for " + authorizationValidity + ")";
        }
        if (!question.authorizations().isEmpty()) {
            return "the administrator's authorization was used up";
        }
        HeldCertificate expired = question.certificates().lastExpired();
        if (question.certificates().current() == null
                && expired != null
                && !now.isBefore(postExpiryGrace.addTo(expired.notAfter()))) {
            return "the certificate expired more than " + postExpiryGrace + " ago; an administrator must reissue";
        }
        return "no authorization from the contract administrator";
    }

    private static List<String> usable(UserCertificates held) {
        List<String> serials = new ArrayList<>(2);
        if (held.current() != null) {
            serials.add(held.current().serialNumber());
        }
        if (held.successor() != null) {
            serials.add(held.successor().serialNumber());
        }
        return serials;
    }

    private static String serialOf(HeldCertificate certificate) {
        return certificate == null ? null : certificate.serialNumber();
    }
}
