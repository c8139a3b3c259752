package io.inkan.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.PasswordChanged;
import io.inkan.events.PasswordResetOrdered;
import io.inkan.events.Realm;
import io.inkan.events.Topics;
import io.inkan.testsupport.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * {@code POST /api/v1/contracts/{cid}/users/{uid}/password-reset} (docs/contract.md §4) and the audit of every
 * password change. The attacks: another contract's administrator (or an operator) resetting a user's password to
 * one they know; the temporary password read off the wire.
 */
class PasswordResetIT extends AdminServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private final EventCodec codec = new EventCodec();

    private static String reset(String contract, String userId) {
        return "/api/v1/contracts/" + contract + "/users/" + userId + "/password-reset";
    }

    private static String body(String temporaryPassword) {
        return "{\"temporaryPassword\":\"" + temporaryPassword + "\"}";
    }

    @Test
    void theAdministratorsResetTravelsSealedToAuthServiceOnlyAndIsAudited() throws Exception {
        String contract = unique("P");
        registerContract(contract, "kanri");
        registerUser(contract, "kanri", "riyo1");
        String temporary = "Tmp-" + UUID.randomUUID();

        mvc.perform(postJson(reset(contract, "riyo1"), AUTH.adminToken(contract, "kanri"), body(temporary)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.userId").value("riyo1"));

        try (TopicProbe probe = new TopicProbe(brokers, Topics.ADMIN)) {
            ConsumerRecord<String, byte[]> record =
                    probe.awaitEvent("io.inkan.PasswordResetOrdered.v1", contract, WAIT);
            String raw = TopicProbe.value(record);
            assertThat(raw).doesNotContain(temporary);
            assertThat(record.key()).isEqualTo(contract + ":riyo1");
            PasswordResetOrdered ordered = codec.decode(PasswordResetOrdered.class, raw);
            assertThat(ordered.orderedBy()).isEqualTo("kanri");
            assertThat(SealedOpener.open(ordered.sealedTemporaryPassword(), AUTH.sealingPrivateKey()))
                    .isEqualTo(temporary);
        }
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit?size=10", AUTH.adminToken(contract, "kanri")))
                .andExpect(jsonPath("$.entries[0].action").value("ResetPassword"))
                .andExpect(jsonPath("$.entries[0].actor.id").value("kanri"))
                .andExpect(jsonPath("$.entries[0].target").value("user:riyo1"));
    }

    @Test
    void anotherContractsAdministratorOrAnOperatorCannotReset() throws Exception {
        String contract = unique("P");
        registerContract(contract, "kanri");
        registerUser(contract, "kanri", "riyo1");
        String other = unique("P");
        registerContract(other, "kanri");

        mvc.perform(postJson(reset(contract, "riyo1"), AUTH.adminToken(other, "kanri"), body("Attacker-Knows-1")))
                .andExpect(status().isForbidden());
        mvc.perform(postJson(reset(contract, "riyo1"), AUTH.operatorToken("operator"), body("Attacker-Knows-1")))
                .andExpect(status().isForbidden());
        mvc.perform(postJson(reset(contract, "riyo1"), AUTH.userToken(contract, "riyo1"), body("Attacker-Knows-1")))
                .andExpect(status().isForbidden());
        mvc.perform(postJson(reset(contract, "riyo1"), null, body("Attacker-Knows-1")))
                .andExpect(status().isUnauthorized());

        try (TopicProbe probe = new TopicProbe(brokers, Topics.ADMIN)) {
            assertThat(probe.drain(Duration.ofSeconds(2)))
                    .noneMatch(r -> "io.inkan.PasswordResetOrdered.v1".equals(TopicProbe.header(r, "ce_type"))
                            && r.key().startsWith(contract + ":"));
        }
    }

    @Test
    void anUnknownUserIs404AndATemporaryPasswordOutsideThePolicyIs400() throws Exception {
        String contract = unique("P");
        registerContract(contract, "kanri");
        registerUser(contract, "kanri", "riyo1");
        String token = AUTH.adminToken(contract, "kanri");

        mvc.perform(postJson(reset(contract, "nobody"), token, body("Temporary-1")))
                .andExpect(status().isNotFound());
        mvc.perform(postJson(reset(contract, "riyo1"), token, body("")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        mvc.perform(postJson(reset(contract, "riyo1"), token, "{}")).andExpect(status().isBadRequest());
    }

    @Test
    void everyPasswordChangeIsInTheTrailNamingWhoChangedIt() throws Exception {
        String contract = unique("P");
        registerContract(contract, "kanri");
        registerUser(contract, "kanri", "riyo1");
        String operator = unique("op");

        publish(new PasswordChanged(Realm.USER, contract, "riyo1", PasswordChanged.ChangedBy.SELF, Instant.now()));
        publish(new PasswordChanged(Realm.ADMIN, contract, "kanri", PasswordChanged.ChangedBy.SELF, Instant.now()));
        publish(new PasswordChanged(Realm.OPERATOR, null, operator, PasswordChanged.ChangedBy.SELF, Instant.now()));

        String audit = "/api/v1/contracts/" + contract + "/audit?size=10";
        await().atMost(WAIT)
                .untilAsserted(() -> mvc.perform(getWith(audit, AUTH.adminToken(contract, "kanri")))
                        .andExpect(jsonPath("$.entries[?(@.action == 'PasswordChanged' && @.actor.realm == 'USER'"
                                        + " && @.actor.id == 'riyo1' && @.target == 'user:riyo1')]")
                                .exists())
                        .andExpect(jsonPath("$.entries[?(@.action == 'PasswordChanged' && @.actor.realm == 'ADMIN'"
                                        + " && @.actor.id == 'kanri' && @.target == 'admin:kanri')]")
                                .exists()));
        await().atMost(WAIT)
                .untilAsserted(() -> mvc.perform(getWith("/api/v1/audit?size=100", AUTH.operatorToken("someone")))
                        .andExpect(jsonPath("$.entries[?(@.action == 'PasswordChanged' && @.actor.id == '" + operator
                                        + "')]")
                                .exists()));
    }

    @Test
    void aSessionAnAdministratorOpenedBeforeChangingTheirPasswordOpensNothingHereAfterIt() throws Exception {
        String contract = unique("P");
        registerContract(contract, "kanri");
        Instant changedAt = Instant.now();
        String stolen =
                AUTH.sign(StubAuthService.claims("admin", "kanri", contract, "ADMIN", changedAt.minusSeconds(60)));
        String users = "/api/v1/contracts/" + contract + "/users";
        mvc.perform(getWith(users, stolen)).andExpect(status().isOk());

        publish(new PasswordChanged(Realm.ADMIN, contract, "kanri", PasswordChanged.ChangedBy.SELF, changedAt));

        await().atMost(WAIT)
                .untilAsserted(() -> mvc.perform(getWith(users, stolen))
                        .andExpect(status().isUnauthorized())
                        .andExpect(jsonPath("$.code").value("UNAUTHENTICATED")));
        String after = AUTH.sign(StubAuthService.claims(
                "admin", "kanri", contract, "ADMIN", Instant.now().plusSeconds(2)));
        mvc.perform(getWith(users, after)).andExpect(status().isOk());
        String otherAdministrator =
                AUTH.sign(StubAuthService.claims("admin", "kanri2", contract, "ADMIN", changedAt.minusSeconds(60)));
        mvc.perform(getWith(users, otherAdministrator)).andExpect(status().isOk());
    }

    /**
     * The administrator logs on with the new password at once, as the change's answer tells them to; the change's
     * event reaches this service only later. That session was opened after the change and must keep working.
     */
    @Test
    void aSessionOpenedWithTheNewPasswordBeforeTheChangeArrivesHereStaysOpen() throws Exception {
        String contract = unique("P");
        registerContract(contract, "kanri");
        Instant changedAt = Instant.now().minusSeconds(30);
        String before =
                AUTH.sign(StubAuthService.claims("admin", "kanri", contract, "ADMIN", changedAt.minusSeconds(5)));
        String after = AUTH.sign(StubAuthService.claims("admin", "kanri", contract, "ADMIN", changedAt.plusSeconds(5)));
        String users = "/api/v1/contracts/" + contract + "/users";

        publish(new PasswordChanged(Realm.ADMIN, contract, "kanri", PasswordChanged.ChangedBy.SELF, changedAt));

        await().atMost(WAIT)
                .untilAsserted(() -> mvc.perform(getWith(users, before)).andExpect(status().isUnauthorized()));
        mvc.perform(getWith(users, after)).andExpect(status().isOk());
    }

    private void publish(InkanEvent event) throws Exception {
        var record = new ProducerRecord<Object, Object>(Topics.of(event), event.key(), codec.encode(event));
        record.headers()
                .add(CloudEventHeaders.TYPE, EventTypes.nameOf(event).getBytes(StandardCharsets.UTF_8))
                .add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();
    }
}
