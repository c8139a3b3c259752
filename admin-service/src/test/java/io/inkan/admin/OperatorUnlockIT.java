package io.inkan.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.inkan.events.AccountUnlockRequested;
import io.inkan.events.EventCodec;
import io.inkan.events.Realm;
import io.inkan.events.Topics;
import io.inkan.testsupport.TopicProbe;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator who locked themselves out (five wrong passwords) is unlocked by another operator, never by
 * a restart: {@code POST /api/v1/operators/{operatorId}/unlock} publishes AccountUnlockRequested for the
 * operator realm, and the bank's audit trail names who asked. The attacks it stops: an operator (or a
 * stolen operator token) unlocking itself, and anyone but an operator unlocking an operator.
 */
class OperatorUnlockIT extends AdminServiceIT {
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private final EventCodec codec = new EventCodec();
    private final JsonMapper json = new JsonMapper();

    private static String unlockPath(String operatorId) {
        return "/api/v1/operators/" + operatorId + "/unlock";
    }

    @Test
    void anotherOperatorUnlocksAnOperatorThroughAnEventForTheOperatorRealmAndTheBankTrailNamesWho() throws Exception {
        String locked = unique("op");
        String helper = unique("op");

        try (TopicProbe probe = new TopicProbe(brokers, Topics.ADMIN)) {
            mvc.perform(postJson(unlockPath(locked), AUTH.operatorToken(helper), "{}"))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.status").value("ACCEPTED"));

            ConsumerRecord<String, byte[]> record =
                    probe.awaitEvent("io.inkan.AccountUnlockRequested.v1", locked, Duration.ofSeconds(20));
            assertThat(record.key()).as("an operator belongs to no contract").isEqualTo(locked);
            AccountUnlockRequested event = codec.decode(AccountUnlockRequested.class, TopicProbe.value(record));
            assertThat(event.realm()).isEqualTo(Realm.OPERATOR);
            assertThat(event.contractId()).isNull();
            assertThat(event.accountId()).isEqualTo(locked);
            assertThat(event.requestedBy()).isEqualTo(helper);
        }

        JsonNode trail = json.readTree(mvc.perform(getWith("/api/v1/audit", AUTH.operatorToken(helper)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(trail.path("entries")).anySatisfy(entry -> {
            assertThat(entry.path("action").asString()).isEqualTo("UnlockOperator");
            assertThat(entry.path("target").asString()).isEqualTo("operator:" + locked);
            assertThat(entry.path("actor").path("realm").asString()).isEqualTo("OPERATOR");
            assertThat(entry.path("actor").path("id").asString()).isEqualTo(helper);
            assertThat(entry.path("outcome").asString()).isEqualTo("ACCEPTED");
        });
    }

    @Test
    void anOperatorCannotUnlockThemselvesAndTheRefusalIsAudited() throws Exception {
        String self = unique("op");

        try (TopicProbe probe = new TopicProbe(brokers, Topics.ADMIN)) {
            mvc.perform(postJson(unlockPath(self), AUTH.operatorToken(self), "{}"))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("FORBIDDEN"));

            assertThat(probe.drain(Duration.ofSeconds(2)))
                    .as("no unlock was requested")
                    .noneSatisfy(r -> assertThat(TopicProbe.value(r)).contains(self));
        }
        JsonNode trail = json.readTree(mvc.perform(getWith("/api/v1/audit", AUTH.operatorToken(unique("op"))))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(trail.path("entries")).anySatisfy(entry -> {
            assertThat(entry.path("target").asString()).isEqualTo("operator:" + self);
            assertThat(entry.path("actor").path("id").asString()).isEqualTo(self);
            assertThat(entry.path("outcome").asString()).isEqualTo("REFUSED");
        });
    }

    @Test
    void onlyAnOperatorMayUnlockAnOperatorOrReadTheBankTrail() throws Exception {
        String contract = unique("C");
        registerContract(contract, "admin1");
        String operator = unique("op");

        mvc.perform(postJson(unlockPath(operator), null, "{}")).andExpect(status().isUnauthorized());
        mvc.perform(postJson(unlockPath(operator), AUTH.adminToken(contract, "admin1"), "{}"))
                .andExpect(status().isForbidden());
        mvc.perform(postJson(unlockPath(operator), AUTH.userToken(contract, "user1"), "{}"))
                .andExpect(status().isForbidden());
        mvc.perform(getWith("/api/v1/audit", AUTH.adminToken(contract, "admin1")))
                .andExpect(status().isForbidden());
        mvc.perform(getWith("/api/v1/audit", null)).andExpect(status().isUnauthorized());
    }
}
