package io.inkan.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.inkan.events.CertificatesRevocationOrdered;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.RevocationReason;
import io.inkan.events.Topics;
import io.inkan.events.UserRemoved;
import io.inkan.testsupport.TopicProbe;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * 失効 and a user who leaves, as the administrator and the bank's operator see them: the answer, the event on the
 * admin topic, the user list and the audit trail; and another contract's administrator trying both (the attack).
 */
class RevocationAndRemovalIT extends AdminServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final EventCodec codec = new EventCodec();

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void theAdministratorRevokesAUsersCertificatesForALostPcAndTheTrailSaysWho() throws Exception {
        String contract = unique("R");
        registerContract(contract, "admin");
        registerUser(contract, "admin", "u1");
        String token = AUTH.adminToken(contract, "admin");

        try (TopicProbe admin = new TopicProbe(brokers, Topics.ADMIN)) {
            mvc.perform(postJson(revocation(contract, "u1"), token, "{\"reason\":\"keyCompromise\"}"))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.userId").value("u1"))
                    .andExpect(jsonPath("$.status").value("ACCEPTED"));

            CertificatesRevocationOrdered ordered = codec.decode(
                    CertificatesRevocationOrdered.class,
                    TopicProbe.value(
                            admin.awaitEvent(EventTypes.nameOf(CertificatesRevocationOrdered.class), contract, WAIT)));
            assertThat(ordered.contractId()).isEqualTo(contract);
            assertThat(ordered.userId()).isEqualTo("u1");
            assertThat(ordered.reason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
            assertThat(ordered.orderedBy()).isEqualTo("admin");
            // nothing new is authorized by a revocation, unlike a reissue
            assertThat(admin.drain(Duration.ofSeconds(1)).stream()
                            .filter(r -> r.key().equals(contract + ":u1"))
                            .map(r -> TopicProbe.header(r, "ce_type")))
                    .doesNotContain("io.inkan.IssuanceAuthorized.v1", "io.inkan.CertificateReissueAuthorized.v1");
        }
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit?size=100", token))
                .andExpect(jsonPath("$.entries[0].action").value("RevokeCertificates"))
                .andExpect(jsonPath("$.entries[0].outcome").value("ACCEPTED"))
                .andExpect(jsonPath("$.entries[0].actor.realm").value("ADMIN"))
                .andExpect(jsonPath("$.entries[0].actor.id").value("admin"));
    }

    @Test
    void aBankOperatorMayOrderTheRevocationToo() throws Exception {
        String contract = unique("R");
        registerContract(contract, "admin");
        registerUser(contract, "admin", "u1");

        try (TopicProbe admin = new TopicProbe(brokers, Topics.ADMIN)) {
            mvc.perform(postJson(
                            revocation(contract, "u1"),
                            AUTH.operatorToken("op7"),
                            "{\"reason\":\"affiliationChanged\"}"))
                    .andExpect(status().isAccepted());
            CertificatesRevocationOrdered ordered = codec.decode(
                    CertificatesRevocationOrdered.class,
                    TopicProbe.value(
                            admin.awaitEvent(EventTypes.nameOf(CertificatesRevocationOrdered.class), contract, WAIT)));
            assertThat(ordered.orderedBy()).isEqualTo("op7");
            assertThat(ordered.reason()).isEqualTo(RevocationReason.AFFILIATION_CHANGED);
        }
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit?size=100", AUTH.operatorToken("op7")))
                .andExpect(jsonPath("$.entries[0].action").value("RevokeCertificates"))
                .andExpect(jsonPath("$.entries[0].actor.realm").value("OPERATOR"))
                .andExpect(jsonPath("$.entries[0].actor.id").value("op7"));
    }

    @Test
    void anotherContractsAdministratorCanNeitherRevokeNorRemoveAUser() throws Exception {
        String contract = unique("R");
        String intruders = unique("X");
        registerContract(contract, "admin");
        registerContract(intruders, "admin");
        registerUser(contract, "admin", "u1");
        String intruder = AUTH.adminToken(intruders, "admin");

        try (TopicProbe admin = new TopicProbe(brokers, Topics.ADMIN)) {
            mvc.perform(postJson(revocation(contract, "u1"), intruder, "{\"reason\":\"keyCompromise\"}"))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("FORBIDDEN"));
            mvc.perform(withToken(delete(user(contract, "u1")), intruder)).andExpect(status().isForbidden());
            // an unknown user of another contract answers the same: nothing is learnt about who exists
            mvc.perform(postJson(revocation(contract, "nobody"), intruder, "{\"reason\":\"keyCompromise\"}"))
                    .andExpect(status().isForbidden());
            // the user, who may call nothing here, cannot remove themselves either; nor may an operator remove users
            mvc.perform(withToken(delete(user(contract, "u1")), AUTH.userToken(contract, "u1")))
                    .andExpect(status().isForbidden());
            mvc.perform(withToken(delete(user(contract, "u1")), AUTH.operatorToken("op")))
                    .andExpect(status().isForbidden());

            assertThat(admin.drain(Duration.ofSeconds(2)).stream()
                            .filter(r -> r.key().equals(contract + ":u1"))
                            .map(r -> TopicProbe.header(r, "ce_type")))
                    .doesNotContain(
                            EventTypes.nameOf(CertificatesRevocationOrdered.class),
                            EventTypes.nameOf(UserRemoved.class));
        }
        mvc.perform(getWith(user(contract, "u1"), AUTH.adminToken(contract, "admin")))
                .andExpect(jsonPath("$.deleted").value(false));
    }

    @Test
    void aRevocationNeedsACustomersReasonAndAKnownUser() throws Exception {
        String contract = unique("R");
        registerContract(contract, "admin");
        registerUser(contract, "admin", "u1");
        String token = AUTH.adminToken(contract, "admin");

        for (String body : new String[] {
            "{\"reason\":\"lostPc\"}", "{\"reason\":\"privilegeWithdrawn\"}", "{\"reason\":\"cACompromise\"}", "{}"
        }) {
            mvc.perform(postJson(revocation(contract, "u1"), token, body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
        mvc.perform(postJson(revocation(contract, "nobody"), token, "{\"reason\":\"unspecified\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void aUserWhoLeftStaysInTheListAsDeletedCannotBeActedOnAndTheirIdIsNotGivenAgain() throws Exception {
        String contract = unique("L");
        registerContract(contract, "admin");
        registerUser(contract, "admin", "u1");
        registerUser(contract, "admin", "u2");
        String token = AUTH.adminToken(contract, "admin");
        String users = "/api/v1/contracts/" + contract + "/users";

        try (TopicProbe admin = new TopicProbe(brokers, Topics.ADMIN)) {
            mvc.perform(withToken(delete(user(contract, "u1")), token))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.status").value("ACCEPTED"));
            UserRemoved removed = codec.decode(
                    UserRemoved.class,
                    TopicProbe.value(admin.awaitEvent(EventTypes.nameOf(UserRemoved.class), contract, WAIT)));
            assertThat(removed.userId()).isEqualTo("u1");
            assertThat(removed.removedBy()).isEqualTo("admin");

            // removing again changes nothing and publishes nothing more (drain holds every record seen)
            mvc.perform(withToken(delete(user(contract, "u1")), token))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.status").value("ALREADY_DELETED"));
            assertThat(admin.drain(Duration.ofSeconds(2)).stream()
                            .filter(r -> EventTypes.nameOf(UserRemoved.class).equals(TopicProbe.header(r, "ce_type")))
                            .filter(r -> r.key().equals(contract + ":u1")))
                    .hasSize(1);
        }

        mvc.perform(getWith(users, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].userId").value("u1"))
                .andExpect(jsonPath("$[0].deleted").value(true))
                .andExpect(jsonPath("$[0].deletedAt").isNotEmpty())
                .andExpect(jsonPath("$[1].userId").value("u2"))
                .andExpect(jsonPath("$[1].deleted").value(false));

        for (MockHttpServletRequestBuilder action : new MockHttpServletRequestBuilder[] {
            postJson(user(contract, "u1") + "/issuance-authorizations", token, ""),
            postJson(user(contract, "u1") + "/reissue", token, "{\"reason\":\"keyCompromise\"}"),
            postJson(user(contract, "u1") + "/unlock", token, ""),
            postJson(revocation(contract, "u1"), token, "{\"reason\":\"keyCompromise\"}"),
            withToken(
                    patch(user(contract, "u1"))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"language\":\"en\"}"),
                    token)
        }) {
            mvc.perform(action)
                    .andExpect(status().isConflict())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("USER_DELETED"));
        }

        mvc.perform(postJson(users, token, userJson("u1", null, "1234")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("USER_ID_RETIRED"));
        // a user ID in use is the plain conflict it always was
        mvc.perform(postJson(users, token, userJson("u2", null, "1234")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("CONFLICT"));

        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit?size=100", token))
                .andExpect(jsonPath("$.entries[0].action").value("RegisterUser"))
                .andExpect(jsonPath("$.entries[0].outcome").value("REFUSED"))
                .andExpect(jsonPath("$.entries[?(@.action == 'RemoveUser' && @.outcome == 'ACCEPTED')].actor.id")
                        .value("admin"))
                .andExpect(jsonPath("$.entries[?(@.action == 'RemoveUser')].target")
                        .value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("user:u1"))));
    }

    private static String user(String contract, String userId) {
        return "/api/v1/contracts/" + contract + "/users/" + userId;
    }

    private static String revocation(String contract, String userId) {
        return user(contract, userId) + "/revocation";
    }

    private static MockHttpServletRequestBuilder withToken(MockHttpServletRequestBuilder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }
}
