package io.inkan.auth.logon;

import io.inkan.auth.certificate.CertificateBook;
import io.inkan.auth.certificate.CertificateStanding;
import io.inkan.auth.certificate.KnownCertificate;
import io.inkan.auth.credential.AccountKey;
import io.inkan.auth.credential.Credentials;
import io.inkan.auth.credential.Verdict;
import io.inkan.auth.credential.Verification;
import io.inkan.auth.token.Session;
import io.inkan.events.Realm;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The logon feature's entry: opens sessions for the three realms under the logon rules of docs/contract.md
 * §4, and checks a user's credentials for a certificate request. Every refusal of a credential looks
 * the same whether or not the ID exists.
 */
@Service
public class Logon {
    private final Credentials credentials;
    private final CertificateBook certificates;
    private final Clock clock;

    Logon(Credentials credentials, CertificateBook certificates, Clock clock) {
        this.credentials = credentials;
        this.certificates = certificates;
        this.clock = clock;
    }

    public Session operator(String operatorId, String password) {
        AccountKey key = require(credentials.verify(AccountKey.operator(operatorId), password));
        return new Session(Realm.OPERATOR, null, key.accountId(), null);
    }

    public Session administrator(String contractId, String adminId, String password) {
        AccountKey key = require(credentials.verify(AccountKey.admin(contractId, adminId), password));
        return new Session(Realm.ADMIN, key.contractId(), key.accountId(), null);
    }

    /** ID and password logon: only while the user holds no usable certificate. */
    public Session userWithPassword(UserCredentials given) {
        AccountKey key = authenticateUser(given);
        if (!certificates.holdingOf(key.contractId(), key.accountId()).mayLogOnWithPassword(clock.instant())) {
            throw new LogonRefused(
                    LogonRefused.Reason.UNAUTHENTICATED,
                    key,
                    "This user holds a certificate: log on with the certificate and password.");
        }
        return new Session(Realm.USER, key.contractId(), key.accountId(), null);
    }

    /**
     * Certificate and password logon. {@code proven} is the customer certificate whose key a TLS
     * handshake proved (empty when the request proved none: plain HTTP, a PEM in the body, a
     * {@code Client-Cert} from an unlisted caller); it must be one issuance-service issued, ACTIVE or
     * the not-yet-used renewal, not revoked nor expired; the password is its user's. The first logon
     * with a renewal activates it. Every refusal looks and costs the same as a wrong password, so a
     * caller cannot tell which check failed.
     */
    public Session userWithCertificate(Optional<X509Certificate> proven, String password) {
        Optional<KnownCertificate> known = proven.flatMap(certificates::identify);
        if (known.isEmpty() || !known.get().usableAt(clock.instant())) {
            credentials.spendOneCheck(password);
            throw new LogonRefused(LogonRefused.Reason.UNAUTHENTICATED, null, "The credentials were not accepted.");
        }
        KnownCertificate certificate = known.get();
        require(credentials.verify(AccountKey.user(certificate.contractId(), certificate.userId()), password));
        certificates.usedToLogOn(certificate);
        return new Session(Realm.USER, certificate.contractId(), certificate.userId(), certificate.serialNumber());
    }

    /**
     * Where the user's certificate stands, for a user session's token answer (the renewal notice): the certificate
     * the session logged on with, or the one in use. Empty for operators and administrators, and for a user who
     * holds no usable certificate.
     */
    public Optional<CertificateStanding> certificateOf(Session session) {
        if (session.realm() != Realm.USER) {
            return Optional.empty();
        }
        return certificates.standingOf(session.contractId(), session.subject(), session.certificateSerial());
    }

    /** Checks a user's ID and password (counted toward lock-out) without the logon-mode rule. */
    public AccountKey authenticateUser(UserCredentials given) {
        Verification verification;
        if (given.byLoginId()) {
            verification = credentials.verifyUserByLoginId(given.loginId(), given.password());
        } else {
            verification = credentials.verify(AccountKey.user(given.contractId(), given.userId()), given.password());
        }
        return require(verification);
    }

    private static AccountKey require(Verification verification) {
        if (verification.verdict() == Verdict.LOCKED) {
            throw new LogonRefused(LogonRefused.Reason.LOCKED, verification.account(), "The account is locked.");
        }
        if (!verification.accepted()) {
            throw new LogonRefused(
                    LogonRefused.Reason.UNAUTHENTICATED, verification.account(), "The credentials were not accepted.");
        }
        return verification.account();
    }
}
