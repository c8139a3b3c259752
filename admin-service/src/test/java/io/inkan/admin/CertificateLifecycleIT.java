package io.inkan.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.inkan.events.AccountLocked;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.Realm;
import io.inkan.events.RequestKind;
import io.inkan.events.Topics;
import io.inkan.testsupport.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * What the administrator sees change: events from auth and issuance on the real broker update the
 * user list and the audit trail; an edited audit entry is reported.
 */
class CertificateLifecycleIT extends AdminServiceIT {
    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private final EventCodec codec = new EventCodec();

    @Test
    void issuedCertificateAndLockShowInTheUserList() throws Exception {
        String contract = unique("L");
        registerContract(contract, "admin");
        registerUser(contract, "admin", "u1");
        String token = AUTH.adminToken(contract, "admin");
        String users = "/api/v1/contracts/" + contract + "/users";

        String first = authorizationId(users + "/u1/issuance-authorizations", token);
        String again = authorizationId(users + "/u1/issuance-authorizations", token);
        assertThat(again).as("a second authorization while one is outstanding").isEqualTo(first);
        mvc.perform(getWith(users, token))
                .andExpect(jsonPath("$[0].certificateStatus").value("AUTHORIZED"));

        Instant notAfter = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        publish(new CertificateIssued(
                "req-" + UUID.randomUUID(),
                contract,
                "u1",
                RequestKind.NEW,
                "0abc12",
                "CN=x",
                "CN=ca",
                Instant.now(),
                notAfter,
                "ff",
                "-----BEGIN CERTIFICATE-----",
                null,
                null,
                Instant.now()));
        publish(new AccountLocked(Realm.USER, contract, "u1", 5, Instant.now()));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> mvc.perform(getWith(users, token))
                        .andExpect(jsonPath("$[0].certificateStatus").value("ACTIVE"))
                        .andExpect(jsonPath("$[0].serialNumber").value("0abc12"))
                        .andExpect(jsonPath("$[0].notAfter").value(notAfter.toString()))
                        .andExpect(jsonPath("$[0].locked").value(true)));

        try (TopicProbe probe = new TopicProbe(brokers, Topics.ADMIN)) {
            probe.awaitEvent("io.inkan.IssuanceAuthorized.v1", contract, Duration.ofSeconds(20));
            long authorizations = probe.drain(Duration.ofSeconds(1)).stream()
                    .filter(r -> "io.inkan.IssuanceAuthorized.v1".equals(TopicProbe.header(r, "ce_type")))
                    .filter(r -> r.key().equals(contract + ":u1"))
                    .count();
            assertThat(authorizations).isEqualTo(1);
        }

        // the trail shows the administrator's actions and the lifecycle, newest first, chain intact
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit?size=100", token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries[0].action").value("AccountLocked"))
                .andExpect(jsonPath("$.entries[1].action").value("CertificateIssued"))
                .andExpect(jsonPath("$.entries[-1].action").value("RegisterContract"))
                .andExpect(jsonPath("$.entries[-1].actor.realm").value("OPERATOR"));
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit/verification", token))
                .andExpect(jsonPath("$.valid").value(true));
    }

    @Test
    void anEditedAuditEntryBreaksTheChain() throws Exception {
        String contract = unique("T");
        registerContract(contract, "admin");
        registerUser(contract, "admin", "u1");
        String token = AUTH.operatorToken("op");
        String verification = "/api/v1/contracts/" + contract + "/audit/verification";
        mvc.perform(getWith(verification, token))
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.entries").value(2));

        jdbc.sql("UPDATE audit_entry SET actor_id = 'somebody-else' WHERE contract_id = ? AND sequence = 1")
                .param(contract)
                .update();

        mvc.perform(getWith(verification, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.valid").value(false))
                .andExpect(jsonPath("$.brokenAtSequence").value(1));
    }

    @Test
    void refusedActionsAreInTheTrailToo() throws Exception {
        String contract = unique("R");
        registerContract(contract, "admin");
        registerUser(contract, "admin", "u1");
        String token = AUTH.adminToken(contract, "admin");
        mvc.perform(postJson("/api/v1/contracts/" + contract + "/users", token, userJson("u1", null, "1234")))
                .andExpect(status().isConflict());
        mvc.perform(postJson("/api/v1/contracts/" + contract + "/users/ghost/unlock", token, ""))
                .andExpect(status().isNotFound());

        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit?size=2", token))
                .andExpect(jsonPath("$.totalEntries").value(4))
                .andExpect(jsonPath("$.entries[0].action").value("UnlockUser"))
                .andExpect(jsonPath("$.entries[0].outcome").value("REFUSED"))
                .andExpect(jsonPath("$.entries[1].action").value("RegisterUser"))
                .andExpect(jsonPath("$.entries[1].outcome").value("REFUSED"))
                .andExpect(jsonPath("$.entries[1].actor.id").value("admin"));
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit/verification", token))
                .andExpect(jsonPath("$.valid").value(true));
    }

    private String authorizationId(String path, String token) throws Exception {
        String body = mvc.perform(postJson(path, token, ""))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return body.replaceAll(".*\"authorizationId\":\"([^\"]+)\".*", "$1");
    }

    private void publish(InkanEvent event) throws Exception {
        var record = new ProducerRecord<Object, Object>(Topics.of(event), event.key(), codec.encode(event));
        record.headers()
                .add(CloudEventHeaders.TYPE, EventTypes.nameOf(event).getBytes(StandardCharsets.UTF_8))
                .add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();
    }
}
