package io.inkan.issuance.right;

import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.issuance.policy.IssuanceMode;
import io.inkan.issuance.policy.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * docs/contract.md §2 as code: may this user have a certificate now, and what does it replace? Pure: the caller reads the
 * user's state, asks, and acts on the answer in one transaction.
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
            Instant windowOpens = renewalWindow.subtractFrom(current.notAfter());
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

        // After expiry, ID and password still renew during the grace period.
        HeldCertificate expired = held.lastExpired();
        if (question.kind() == RequestKind.RENEWAL
                && current == null
                && expired != null
                && now.isBefore(postExpiryGrace.addTo(expired.notAfter()))) {
            return new Decision.Issue(RequestKind.RENEWAL, false, expired.serialNumber(), null, usable(held));
        }

        if (mode == IssuanceMode.SELF_SERVICE) {
            RequestKind kind = question.kind() == RequestKind.REISSUE ? RequestKind.REISSUE : RequestKind.NEW;
            return new Decision.Issue(kind, false, serialOf(current), null, usable(held));
        }

        Optional<Authorization> authorization = usableAuthorization(question.authorizations(), now);
        if (authorization.isPresent()) {
            Authorization use = authorization.get();
            RequestKind kind = use.kind() == Authorization.Kind.REISSUE ? RequestKind.REISSUE : RequestKind.NEW;
            // One certificate per user: an authorized issuance supersedes whatever the user still holds.
            return new Decision.Issue(kind, false, serialOf(current), use.authorizationId(), usable(held));
        }

        // The authorization may still be on its way (another topic, no order across topics): wait, bounded.
        Instant waitUntil = pendingTimeout.addTo(question.receivedAt());
        if (now.isBefore(waitUntil)) {
            return new Decision.Hold(waitUntil);
        }
        return new Decision.Reject(RejectionReason.NOT_AUTHORIZED, whyNotAuthorized(question, now));
    }

    /** The oldest unused authorization that has not lapsed. */
    Optional<Authorization> usableAuthorization(List<Authorization> authorizations, Instant now) {
        return authorizations.stream()
                .filter(Authorization::unused)
                .filter(a -> now.isBefore(authorizationValidity.addTo(a.authorizedAt())))
                .min(Comparator.comparing(Authorization::authorizedAt));
    }

    private String whyNotAuthorized(Question question, Instant now) {
        List<Authorization> unused =
                question.authorizations().stream().filter(Authorization::unused).toList();
        if (!unused.isEmpty()) {
            return "the administrator's authorization lapsed (valid for " + authorizationValidity + ")";
        }
        if (!question.authorizations().isEmpty()) {
            return "the administrator's authorization was used up";
        }
        HeldCertificate expired = question.certificates().lastExpired();
        if (question.kind() == RequestKind.RENEWAL && question.certificates().current() == null && expired != null) {
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
