package io.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.AuthorizationLapsed;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.EventTypes;
import io.inkan.events.IssuanceAuthorized;
import io.inkan.events.RejectionReason;
import io.inkan.events.RequestChannel;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.issuance.right.IssuanceRights;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * issuance-service decides and says what other services must not work out again (docs/design.md rule 10): the kind
 * it issued, whether a renewal waits for its first use, from when a certificate may be renewed, the authorization
 * an issuance used up, and when an authorization lapsed. Requests come as the new auth-service sends them: NEW with
 * ID and password, RENEWAL from a certificate session. With the default periods (renewal window P40D, post-expiry
 * grace P90D, authorization validity P90D); some tests move the shared clock by months, forward only.
 */
class IssuanceDecidesIT extends IssuanceServiceIT {
    private static final Period RENEWAL_WINDOW = Period.ofDays(40);

    @Autowired
    IssuanceRights rights;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void anAuthorizedIssuanceNamesTheAuthorizationItUsedAndFromWhenItIsRenewable() {
        String user = user();
        String authorizationId = authorizeWithId(user);

        CertificateIssued issued = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));

        assertThat(issued.kind()).isEqualTo(RequestKind.NEW);
        assertThat(issued.authorizationId()).isEqualTo(authorizationId);
        assertThat(issued.awaitingFirstUse()).isFalse();
        assertThat(issued.renewableFrom()).isEqualTo(issued.notAfter().minus(RENEWAL_WINDOW));
        assertThat(slotOf(issued.serialNumber())).isEqualTo("CURRENT");
    }

    @Test
    void aRequestHeldForItsAuthorizationIsIssuedNamingTheChannelItCameThrough() {
        String user = user();
        String requestId = UUID.randomUUID().toString();
        publish(new CertificateRequested(
                requestId,
                "C001",
                user,
                RequestKind.NEW,
                Csrs.csrPem(Csrs.p256()),
                CLOCK.instant(),
                RequestChannel.BANK_FRONT_END));
        await().atMost(WAIT).until(() -> "PENDING".equals(requestStatus(requestId)));

        authorize(user);

        assertThat(awaitIssued(requestId).channel())
                .as("kept while held, for the user's issuance mail")
                .isEqualTo(RequestChannel.BANK_FRONT_END);
    }

    @Test
    void aRenewalInTheWindowWaitsForItsFirstUseAndSaysSo() {
        String user = user();
        authorize(user);
        CertificateIssued current = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));

        CLOCK.set(current.notAfter().minus(Period.ofDays(30)));
        CertificateIssued renewal = awaitIssued(request(user, RequestKind.RENEWAL, Csrs.csrPem(Csrs.p256())));

        assertThat(renewal.kind()).isEqualTo(RequestKind.RENEWAL);
        assertThat(renewal.awaitingFirstUse()).isTrue();
        assertThat(renewal.waitsForFirstUse()).isTrue();
        assertThat(renewal.replacesSerialNumber()).isEqualTo(current.serialNumber());
        assertThat(renewal.authorizationId()).isNull();
        assertThat(renewal.renewableFrom()).isEqualTo(renewal.notAfter().minus(RENEWAL_WINDOW));
        assertThat(slotOf(renewal.serialNumber())).isEqualTo("SUCCESSOR");
        assertThat(slotOf(current.serialNumber())).isEqualTo("CURRENT");
    }

    @Test
    void aRenewalAfterExpiryWithinTheGraceIsTheUsersCertificateAtOnceAndSaysItWaitsForNothing() {
        String user = user();
        authorize(user);
        CertificateIssued expired = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        CLOCK.set(expired.notAfter().plus(Period.ofDays(10)));

        // ID and password, as auth-service sends it: NEW. issuance-service finds the expired certificate.
        CertificateIssued renewal = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));

        assertThat(renewal.kind()).isEqualTo(RequestKind.RENEWAL);
        assertThat(renewal.replacesSerialNumber()).isEqualTo(expired.serialNumber());
        assertThat(renewal.awaitingFirstUse()).isFalse();
        assertThat(renewal.authorizationId()).isNull();
        assertThat(slotOf(renewal.serialNumber())).isEqualTo("CURRENT");
        assertThat(certificateAsOperator(renewal.serialNumber()).body()).contains("\"status\":\"ACTIVE\"");
    }

    @Test
    void aRequestWithIdAndPasswordAfterAReissueIsIssuedAsAReissue() {
        String user = user();
        authorize(user);
        CertificateIssued first = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        String reissueId = UUID.randomUUID().toString();
        publish(new CertificateReissueAuthorized(
                "C001", user, reissueId, RevocationReason.KEY_COMPROMISE, "admin1", CLOCK.instant()));
        issuanceEvents.awaitEvent(EventTypes.nameOf(CertificateRevoked.class), first.serialNumber(), WAIT);

        CertificateIssued reissued = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));

        assertThat(reissued.kind()).isEqualTo(RequestKind.REISSUE);
        assertThat(reissued.authorizationId()).isEqualTo(reissueId);
        assertThat(reissued.awaitingFirstUse()).isFalse();
    }

    @Test
    void aRequestThatArrivesBeforeItsReissueWaitsForItAndIsIssuedAsAReissue() {
        String user = user();
        authorize(user);
        CertificateIssued first = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        // auth-service saw the reissue first (another topic): the request comes before issuance-service knows of it
        String requestId = request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256()));
        await().atMost(WAIT).until(() -> "PENDING".equals(requestStatus(requestId)));

        String reissueId = UUID.randomUUID().toString();
        publish(new CertificateReissueAuthorized(
                "C001", user, reissueId, RevocationReason.UNSPECIFIED, "admin1", CLOCK.instant()));

        CertificateIssued reissued = awaitIssued(requestId);
        assertThat(reissued.kind()).isEqualTo(RequestKind.REISSUE);
        assertThat(reissued.authorizationId()).isEqualTo(reissueId);
        assertThat(certificateAsOperator(first.serialNumber()).body()).contains("\"status\":\"REVOKED\"");
        assertThat(certificateAsOperator(reissued.serialNumber()).body()).contains("\"status\":\"ACTIVE\"");
    }

    @Test
    void anUnusedAuthorizationLapsesAndIsSaidToHaveLapsedOnce() {
        String user = user();
        Instant authorizedAt = CLOCK.instant();
        String authorizationId = authorizeWithId(user);
        await().atMost(WAIT)
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM issuance_authorization WHERE authorization_id = ?")
                                .param(authorizationId)
                                .query(Long.class)
                                .single()
                        == 1L);

        CLOCK.advance(Period.ofDays(90).plusDays(1));

        AuthorizationLapsed lapsed = CODEC.decode(
                AuthorizationLapsed.class,
                TopicProbe.value(issuanceEvents.awaitEvent(
                        EventTypes.nameOf(AuthorizationLapsed.class), authorizationId, WAIT)));
        assertThat(lapsed.contractId()).isEqualTo("C001");
        assertThat(lapsed.userId()).isEqualTo(user);
        assertThat(lapsed.lapsedAt()).isEqualTo(authorizedAt.plus(Period.ofDays(90)));

        // another instance's scan, running after (or beside) this one's, says it no second time
        new TransactionTemplate(transactionManager).execute(status -> rights.lapseDue(CLOCK.instant(), 100));
        assertThat(issuanceEvents.drain(Duration.ofSeconds(2)).stream()
                        .filter(r ->
                                EventTypes.nameOf(AuthorizationLapsed.class).equals(TopicProbe.header(r, "ce_type")))
                        .filter(r -> TopicProbe.value(r).contains(authorizationId))
                        .count())
                .isEqualTo(1L);

        // and the rules agree: the lapsed authorization allows nothing
        String requestId = request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256()));
        await().atMost(WAIT).until(() -> "PENDING".equals(requestStatus(requestId)));
        CLOCK.advance(Duration.ofSeconds(11));
        assertThat(awaitRejected(requestId).reason()).isEqualTo(RejectionReason.NOT_AUTHORIZED);
    }

    /** Authorizes one issuance for {@code user} of C001 and returns the authorization's ID. */
    private String authorizeWithId(String user) {
        String authorizationId = UUID.randomUUID().toString();
        publish(new IssuanceAuthorized("C001", user, authorizationId, "admin1", CLOCK.instant()));
        return authorizationId;
    }

    private String slotOf(String serialNumber) {
        return jdbc.sql("SELECT slot FROM certificate WHERE serial_number = ?")
                .param(serialNumber)
                .query(String.class)
                .single();
    }
}
