package io.inkan.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.inkan.events.AuthorizationLapsed;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.RequestKind;
import io.inkan.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * What became of an administrator's authorization is issuance-service's to say (it owns the rights and their
 * validity): admin-service shows it outstanding until issuance-service's events, fed in over the real broker, say
 * it was used or lapsed.
 */
class AuthorizationOutcomeIT extends AdminServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    private final EventCodec codec = new EventCodec();

    @Test
    void anAuthorizationIssuanceLetLapseShowsLapsedAndANewOneMayBeGranted() throws Exception {
        String contract = unique("A");
        registerContract(contract, "admin");
        registerUser(contract, "admin", "u1");
        String token = AUTH.adminToken(contract, "admin");
        String users = "/api/v1/contracts/" + contract + "/users";

        String first = authorize(users + "/u1/issuance-authorizations", token, "ACCEPTED");
        mvc.perform(getWith(users, token))
                .andExpect(jsonPath("$[0].certificateStatus").value("AUTHORIZED"))
                .andExpect(jsonPath("$[0].authorizationStatus").value("OUTSTANDING"));

        publish(new AuthorizationLapsed(contract, "u1", first, Instant.now()));
        await().atMost(WAIT)
                .untilAsserted(() -> mvc.perform(getWith(users, token))
                        .andExpect(jsonPath("$[0].certificateStatus").value("NONE"))
                        .andExpect(jsonPath("$[0].authorizationStatus").value("LAPSED")));

        String second = authorize(users + "/u1/issuance-authorizations", token, "ACCEPTED");
        assertThat(second).as("a new authorization after the lapse").isNotEqualTo(first);
        mvc.perform(getWith(users, token))
                .andExpect(jsonPath("$[0].certificateStatus").value("AUTHORIZED"))
                .andExpect(jsonPath("$[0].authorizationStatus").value("OUTSTANDING"));
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit?size=100", token))
                .andExpect(jsonPath("$.entries[?(@.action == 'AuthorizationLapsed')].detail")
                        .value("authorizationId=" + first));
    }

    @Test
    void anAuthorizationAnIssuanceNamesShowsUsed() throws Exception {
        String contract = unique("U");
        registerContract(contract, "admin");
        registerUser(contract, "admin", "u1");
        String token = AUTH.adminToken(contract, "admin");
        String users = "/api/v1/contracts/" + contract + "/users";

        String authorization = authorize(users + "/u1/issuance-authorizations", token, "ACCEPTED");
        publish(issued(contract, "u1", "0abc01", authorization));

        await().atMost(WAIT)
                .untilAsserted(() -> mvc.perform(getWith(users, token))
                        .andExpect(jsonPath("$[0].certificateStatus").value("ACTIVE"))
                        .andExpect(jsonPath("$[0].serialNumber").value("0abc01"))
                        .andExpect(jsonPath("$[0].authorizationStatus").value("USED")));
        String next = authorize(users + "/u1/issuance-authorizations", token, "ACCEPTED");
        assertThat(next).as("the used one is not outstanding any more").isNotEqualTo(authorization);
    }

    @Test
    void aReissueBesideAnOutstandingAuthorizationStaysOutstandingUntilIssuanceUsesIt() throws Exception {
        String contract = unique("B");
        registerContract(contract, "admin");
        registerUser(contract, "admin", "u1");
        String token = AUTH.adminToken(contract, "admin");
        String users = "/api/v1/contracts/" + contract + "/users";

        String issuance = authorize(users + "/u1/issuance-authorizations", token, "ACCEPTED");
        String reissue = reissue(users + "/u1/reissue", token, "ACCEPTED");
        assertThat(reissue).isNotEqualTo(issuance);

        // issuance-service holds both rights and used the issuance authorization: the reissue's is still there
        publish(issued(contract, "u1", "0abc02", issuance));
        await().atMost(WAIT)
                .untilAsserted(() -> mvc.perform(getWith(users, token))
                        .andExpect(jsonPath("$[0].certificateStatus").value("ACTIVE"))
                        .andExpect(jsonPath("$[0].authorizationStatus").value("OUTSTANDING")));
        assertThat(authorize(users + "/u1/issuance-authorizations", token, "ALREADY_AUTHORIZED"))
                .isEqualTo(reissue);

        publish(issued(contract, "u1", "0abc03", reissue));
        await().atMost(WAIT)
                .untilAsserted(() -> mvc.perform(getWith(users, token))
                        .andExpect(jsonPath("$[0].serialNumber").value("0abc03"))
                        .andExpect(jsonPath("$[0].authorizationStatus").value("USED")));
    }

    private static CertificateIssued issued(String contract, String user, String serial, String authorizationId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.plus(365, ChronoUnit.DAYS);
        return new CertificateIssued(
                "req-" + UUID.randomUUID(),
                contract,
                user,
                RequestKind.NEW,
                serial,
                "CN=" + contract + user,
                "CN=ca",
                now,
                notAfter,
                "ff",
                "-----BEGIN CERTIFICATE-----",
                null,
                null,
                now,
                false,
                notAfter.minus(40, ChronoUnit.DAYS),
                authorizationId);
    }

    private String authorize(String path, String token, String expectedStatus) throws Exception {
        return accepted(path, token, "", expectedStatus);
    }

    private String reissue(String path, String token, String expectedStatus) throws Exception {
        return accepted(path, token, "{\"reason\":\"keyCompromise\"}", expectedStatus);
    }

    private String accepted(String path, String token, String body, String expectedStatus) throws Exception {
        return mvc.perform(postJson(path, token, body))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value(expectedStatus))
                .andReturn()
                .getResponse()
                .getContentAsString()
                .replaceAll(".*\"authorizationId\":\"([^\"]+)\".*", "$1");
    }

    private void publish(InkanEvent event) throws Exception {
        var record = new ProducerRecord<Object, Object>(Topics.of(event), event.key(), codec.encode(event));
        record.headers()
                .add(CloudEventHeaders.TYPE, EventTypes.nameOf(event).getBytes(StandardCharsets.UTF_8))
                .add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();
    }
}
