package io.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.testsupport.Csrs;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The last line against colliding subjects. Certificates are issued to {@code CN={contractId}{userId}}, so (C1, 23) and
 * (C12, 3) would share a subject and one customer could pass for another wherever a subject names the customer.
 * admin-service refuses to register such a pair; here the colliding requests reach issuance-service directly over
 * Kafka (as from a pair registered before that rule), and the second pair is refused.
 */
class SubjectCollisionIT extends IssuanceServiceIT {

    @Test
    void aSecondPairWhoseIdsJoinToAnIssuedSubjectIsRefused() {
        String stem = "S" + UUID.randomUUID().toString().substring(0, 8);
        String first = stem + "1";
        String second = stem + "12";
        authorize(first, "23");
        CertificateIssued issued = awaitIssued(request(first, "23", RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        assertThat(issued.subject()).startsWith("CN=" + stem + "123,");

        authorize(second, "3");
        CertificateRejected rejected = awaitRejected(request(second, "3", RequestKind.NEW, Csrs.csrPem(Csrs.p256())));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.NOT_AUTHORIZED);
        assertThat(rejected.detail()).contains("belongs to another user");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM certificate WHERE LOWER(subject) = LOWER(?)")
                        .param(issued.subject())
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        // the refusal is about the subject, not the contract: another user of it is issued as usual
        authorize(second, "4");
        assertThat(awaitIssued(request(second, "4", RequestKind.NEW, Csrs.csrPem(Csrs.p256())))
                        .subject())
                .startsWith("CN=" + stem + "124,");
    }

    @Test
    void subjectsThatDifferOnlyInCaseCollideToo() {
        String upper = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String lower = upper.toLowerCase(Locale.ROOT);
        authorize(upper, "u1");
        awaitIssued(request(upper, "u1", RequestKind.NEW, Csrs.csrPem(Csrs.p256())));

        authorize(lower, "U1");
        assertThat(awaitRejected(request(lower, "U1", RequestKind.NEW, Csrs.csrPem(Csrs.p256())))
                        .reason())
                .isEqualTo(RejectionReason.NOT_AUTHORIZED);
    }

    @Test
    void theSameUserKeepsItsSubjectThroughAReissue() {
        String contract = "V" + UUID.randomUUID().toString().substring(0, 8);
        authorize(contract, "u1");
        CertificateIssued first = awaitIssued(request(contract, "u1", RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        publish(new io.inkan.events.CertificateReissueAuthorized(
                contract,
                "u1",
                UUID.randomUUID().toString(),
                io.inkan.events.RevocationReason.KEY_COMPROMISE,
                "kanri",
                CLOCK.instant()));

        CertificateIssued again = awaitIssued(request(contract, "u1", RequestKind.REISSUE, Csrs.csrPem(Csrs.p256())));
        assertThat(again.subject()).isEqualTo(first.subject());
    }
}
