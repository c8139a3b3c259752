package io.inkan.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.inkan.events.AccountLocked;
import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.Realm;
import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What expires soon, as the administrators' and the operators' screens ask it: certificates issued, renewed, revoked
 * and expired on the real broker, then listed by notAfter within a window from now.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpiringCertificatesIT extends AdminServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = new JsonMapper();

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    private final EventCodec codec = new EventCodec();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String contract = unique("E");
    private final String neighbour = unique("F");

    /** What the contract's list must be: serial, user, renewalWaiting, soonest first. */
    private List<String> expected;

    @BeforeAll
    void certificatesInEveryState() throws Exception {
        registerContract(contract, "admin");
        registerContract(neighbour, "admin");
        for (String user : List.of(
                "soon",
                "later",
                "edge",
                "outside",
                "revoked",
                "expired",
                "passed",
                "renewing",
                "asking",
                "refused",
                "crossed")) {
            registerUser(contract, "admin", user);
        }
        registerUser(neighbour, "admin", "next-door");

        issued(contract, "soon", "a1", days(5), RequestKind.NEW, null, false);
        issued(contract, "later", "a2", days(30), RequestKind.NEW, null, false);
        issued(contract, "later", "a2r", days(395), RequestKind.RENEWAL, "a2", true);
        issued(contract, "edge", "a3", days(39), RequestKind.NEW, null, false);
        issued(contract, "outside", "a4", days(41), RequestKind.NEW, null, false);
        issued(contract, "revoked", "a5", days(10), RequestKind.NEW, null, false);
        publish(new CertificateRevoked("a5", contract, "revoked", RevocationReason.KEY_COMPROMISE, now));
        issued(contract, "expired", "a6", days(-1), RequestKind.NEW, null, false);
        publish(new CertificateExpired("a6", contract, "expired", days(-1)));
        // issuance-service's CertificateExpired is not here yet: its notAfter has passed all the same
        issued(contract, "passed", "a7", now.minus(1, ChronoUnit.HOURS), RequestKind.NEW, null, false);
        // a renewal not used yet is usable too, and can expire unused
        issued(contract, "renewing", "a8", days(1), RequestKind.NEW, null, false);
        issued(contract, "renewing", "a8r", days(35), RequestKind.RENEWAL, "a8", true);
        issued(neighbour, "next-door", "b1", days(7), RequestKind.NEW, null, false);
        // a renewal request issuance-service has not answered yet: a renewal is on its way
        issued(contract, "asking", "c1", days(20), RequestKind.NEW, null, false);
        publish(new CertificateRequested("req-c1", contract, "asking", RequestKind.RENEWAL, "CSR", now));
        publish(new AccountLocked(Realm.USER, contract, "asking", 5, now)); // after the request, on its topic
        // one it refused, and one whose refusal arrived before the request (two topics, no order between them)
        issued(contract, "refused", "c2", days(25), RequestKind.NEW, null, false);
        publish(new CertificateRequested("req-c2", contract, "refused", RequestKind.RENEWAL, "CSR", now));
        publish(new CertificateRejected(
                "req-c2", contract, "refused", RejectionReason.RENEWAL_TOO_EARLY, "too early", now));
        publish(new AccountLocked(Realm.USER, contract, "refused", 5, now));
        publish(new CertificateRejected(
                "req-c3", contract, "crossed", RejectionReason.RENEWAL_TOO_EARLY, "too early", now));
        publish(new CertificateRequested("req-c3", contract, "crossed", RequestKind.RENEWAL, "CSR", now));
        publish(new AccountLocked(Realm.USER, contract, "crossed", 5, now));
        issued(contract, "crossed", "c3", days(27), RequestKind.NEW, null, false);

        expected = List.of(
                "a8 renewing true",
                "a1 soon false",
                "c1 asking true",
                "c2 refused false",
                "c3 crossed false",
                "a2 later true",
                "a8r renewing false",
                "a3 edge false");
        String users = "/api/v1/contracts/" + contract + "/users";
        String admin = AUTH.adminToken(contract, "admin");
        // every event applied: the last one of each user shows in the user list
        await().atMost(WAIT)
                .untilAsserted(() -> mvc.perform(getWith(users, admin))
                        .andExpect(jsonPath("$[?(@.userId=='revoked')].certificateStatus")
                                .value("REVOKED"))
                        .andExpect(jsonPath("$[?(@.userId=='expired')].certificateStatus")
                                .value("EXPIRED"))
                        .andExpect(jsonPath("$[?(@.userId=='later')].renewalSerialNumber")
                                .value("a2r"))
                        .andExpect(jsonPath("$[?(@.userId=='renewing')].renewalSerialNumber")
                                .value("a8r"))
                        .andExpect(jsonPath("$[?(@.userId=='outside')].serialNumber")
                                .value("a4"))
                        .andExpect(jsonPath("$[?(@.userId=='passed')].serialNumber")
                                .value("a7")));
        await().atMost(WAIT)
                .untilAsserted(() -> mvc.perform(getWith(
                                "/api/v1/contracts/" + neighbour + "/users", AUTH.adminToken(neighbour, "admin")))
                        .andExpect(jsonPath("$[0].serialNumber").value("b1")));
    }

    @Test
    void theAdministratorSeesExactlyTheUsableCertificatesInsideTheWindowSoonestFirst() throws Exception {
        JsonNode page = page(
                "/api/v1/contracts/" + contract + "/certificates?expiringWithin=P40D",
                AUTH.adminToken(contract, "admin"));

        assertThat(rows(page)).containsExactlyElementsOf(expected);
        assertThat(page.path("total").asLong()).isEqualTo(8);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(50);
        JsonNode first = page.path("items").get(0);
        assertThat(first.path("contractId").asString()).isEqualTo(contract);
        assertThat(first.path("userName").asString()).isEqualTo("利用 花子");
        assertThat(first.path("notAfter").asString()).isEqualTo(days(1).toString());

        // a shorter window holds only the first of them
        assertThat(rows(page(
                        "/api/v1/contracts/" + contract + "/certificates?expiringWithin=P3D",
                        AUTH.operatorToken("operator"))))
                .containsExactly("a8 renewing true");
    }

    @Test
    void pagesFollowOneAnotherWithoutRepeatingOrSkipping() throws Exception {
        String path = "/api/v1/contracts/" + contract + "/certificates?expiringWithin=P40D&size=2&page=";
        String admin = AUTH.adminToken(contract, "admin");
        List<String> all = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            JsonNode page = page(path + p, admin);
            assertThat(page.path("total").asLong()).isEqualTo(8);
            assertThat(page.path("size").asInt()).isEqualTo(2);
            assertThat(page.path("page").asInt()).isEqualTo(p);
            all.addAll(rows(page));
        }
        assertThat(all).containsExactlyElementsOf(expected);
        assertThat(rows(page(path + 4, admin))).isEmpty();
    }

    @Test
    void theOperatorSeesEveryContractInPages() throws Exception {
        String path = "/api/v1/certificates?expiringWithin=P40D&size=3&page=";
        String operator = AUTH.operatorToken("operator");
        List<JsonNode> items = new ArrayList<>();
        long total = page(path + 0, operator).path("total").asLong();
        for (int p = 0; p * 3 < total; p++) {
            JsonNode page = page(path + p, operator);
            assertThat(page.path("total").asLong()).isEqualTo(total);
            page.path("items").forEach(items::add);
        }
        assertThat(items).hasSize((int) total);
        assertThat(items)
                .extracting(item -> Instant.parse(item.path("notAfter").asString()))
                .isSortedAccordingTo(Comparator.naturalOrder());
        List<String> ours = items.stream()
                .filter(item -> Set.of(contract, neighbour)
                        .contains(item.path("contractId").asString()))
                .map(ExpiringCertificatesIT::row)
                .toList();
        assertThat(ours)
                .containsExactly(
                        "a8 renewing true",
                        "a1 soon false",
                        "b1 next-door false",
                        "c1 asking true",
                        "c2 refused false",
                        "c3 crossed false",
                        "a2 later true",
                        "a8r renewing false",
                        "a3 edge false");
    }

    @Test
    void anotherContractsAdministratorAskingForThisContractsCertificatesIsRefused() throws Exception {
        String intruder = AUTH.adminToken(neighbour, "admin");
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/certificates?expiringWithin=P40D", intruder))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"))
                .andExpect(jsonPath("$.items").doesNotExist());
        // nor does a malformed question teach the intruder the route's rules
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/certificates?expiringWithin=soon", intruder))
                .andExpect(status().isForbidden());
        // nor may an administrator ask across all contracts
        mvc.perform(getWith("/api/v1/certificates?expiringWithin=P40D", intruder))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(getWith("/api/v1/certificates?expiringWithin=P40D", AUTH.userToken(contract, "soon")))
                .andExpect(status().isForbidden());
    }

    @Test
    void aBadPeriodOrPageIsAValidationProblem() throws Exception {
        String admin = AUTH.adminToken(contract, "admin");
        String operator = AUTH.operatorToken("operator");
        String ofContract = "/api/v1/contracts/" + contract + "/certificates";
        for (String query : List.of(
                "",
                "?expiringWithin=",
                "?expiringWithin=40",
                "?expiringWithin=forty-days",
                "?expiringWithin=-P1D",
                "?expiringWithin=P0D",
                "?expiringWithin=P401D",
                "?expiringWithin=P2Y")) {
            invalid(ofContract + query, admin, "expiringWithin");
            invalid("/api/v1/certificates" + query, operator, "expiringWithin");
        }
        for (String query : List.of("page=-1", "page=x", "size=0", "size=501", "size=ten")) {
            String field = query.substring(0, query.indexOf('='));
            invalid(ofContract + "?expiringWithin=P40D&" + query, admin, field);
            invalid("/api/v1/certificates?expiringWithin=P40D&" + query, operator, field);
        }
        // the longest window is allowed
        mvc.perform(getWith("/api/v1/certificates?expiringWithin=P400D", operator))
                .andExpect(status().isOk());
        mvc.perform(getWith("/api/v1/contracts/" + unique("X") + "/certificates?expiringWithin=P40D", operator))
                .andExpect(status().isNotFound());
    }

    private void invalid(String path, String token, String field) throws Exception {
        mvc.perform(getWith(path, token))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    private JsonNode page(String path, String token) throws Exception {
        String body = mvc.perform(getWith(path, token))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return JSON.readTree(body);
    }

    private static List<String> rows(JsonNode page) {
        List<String> rows = new ArrayList<>();
        page.path("items").forEach(item -> rows.add(row(item)));
        return rows;
    }

    private static String row(JsonNode item) {
        return item.path("serialNumber").asString() + " " + item.path("userId").asString() + " "
                + item.path("renewalWaiting").asBoolean();
    }

    private Instant days(int days) {
        return now.plus(days, ChronoUnit.DAYS);
    }

    private void issued(
            String contractId,
            String userId,
            String serial,
            Instant notAfter,
            RequestKind kind,
            String replaces,
            boolean awaitingFirstUse)
            throws Exception {
        publish(new CertificateIssued(
                "req-" + UUID.randomUUID(),
                contractId,
                userId,
                kind,
                serial,
                "CN=" + contractId + userId,
                "CN=ca",
                now.minus(400, ChronoUnit.DAYS),
                notAfter,
                "ff" + serial,
                "-----BEGIN CERTIFICATE-----",
                null,
                replaces,
                now,
                awaitingFirstUse,
                notAfter.minus(40, ChronoUnit.DAYS),
                null));
    }

    private void publish(InkanEvent event) throws Exception {
        var record = new ProducerRecord<Object, Object>(Topics.of(event), event.key(), codec.encode(event));
        record.headers()
                .add(CloudEventHeaders.TYPE, EventTypes.nameOf(event).getBytes(StandardCharsets.UTF_8))
                .add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();
    }
}
