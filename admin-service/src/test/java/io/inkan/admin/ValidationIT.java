package io.inkan.admin;

import static org.springframework.http.MediaType.APPLICATION_JSON;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;

/** Bad bodies are 400 problem documents naming the field; taken IDs are 409. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidationIT extends AdminServiceIT {
    private final String contract = unique("V");
    private String users;
    private String adminToken;

    @BeforeAll
    void aContractAndAUser() throws Exception {
        registerContract(contract, "admin");
        registerUser(contract, "admin", "existing");
        users = "/api/v1/contracts/" + contract + "/users";
        adminToken = AUTH.adminToken(contract, "admin");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing e-mail        | {"userId":"a1","name":"N","initialPassword":"1234"}                                     | email
            malformed e-mail      | {"userId":"a1","name":"N","email":"not-an-address","initialPassword":"1234"}          | email
            blank name            | {"userId":"a1","name":" ","email":"a@example.jp","initialPassword":"1234"}            | name
            user ID with a colon  | {"userId":"a:1","name":"N","email":"a@example.jp","initialPassword":"1234"}           | userId
            missing user ID       | {"name":"N","email":"a@example.jp","initialPassword":"1234"}                          | userId
            bad login ID          | {"userId":"a1","loginId":"x y","name":"N","email":"a@example.jp","initialPassword":"1234"} | loginId
            bad language          | {"userId":"a1","name":"N","email":"a@example.jp","language":"日本語","initialPassword":"1234"} | language
            PIN too short         | {"userId":"a1","name":"N","email":"a@example.jp","initialPassword":"123"}             | initialPassword
            missing password      | {"userId":"a1","name":"N","email":"a@example.jp"}                                     | initialPassword
            user ID of wrong type | {"userId":{"x":1},"name":"N","email":"a@example.jp","initialPassword":"1234"}         | userId
            not JSON              | {"userId":                                                                            | body
            """)
    void aBadUserIsRefusedNamingTheField(String name, String body, String field) throws Exception {
        mvc.perform(postJson(users, adminToken, body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[*].field", Matchers.hasItem(field)));
    }

    @Test
    void aMissingBodyIsRefused() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(users)
                        .header("Authorization", "Bearer " + adminToken))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void aFourDigitPinIsAnAcceptableInitialPassword() throws Exception {
        mvc.perform(postJson(users, adminToken, userJson(unique("pin"), null, "0000")))
                .andExpect(status().isCreated());
    }

    @Test
    void aTakenUserIdIsAConflict() throws Exception {
        mvc.perform(postJson(users, adminToken, userJson("existing", null, "1234")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("CONFLICT"))
                .andExpect(jsonPath("$.errors[0].field").value("userId"));
    }

    @Test
    void aLoginIdIsUniqueAcrossTheBank() throws Exception {
        String other = unique("W");
        registerContract(other, "admin");
        String loginId = unique("shared");
        mvc.perform(postJson(users, adminToken, userJson(unique("a"), loginId, "1234")))
                .andExpect(status().isCreated());
        mvc.perform(postJson(
                        "/api/v1/contracts/" + other + "/users",
                        AUTH.adminToken(other, "admin"),
                        userJson(unique("b"), loginId, "1234")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("loginId"));
    }

    @Test
    void aTakenContractIdIsAConflict() throws Exception {
        mvc.perform(postJson("/api/v1/contracts", AUTH.operatorToken("op"), contractJson(contract, "x", "Pass-word1")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("contractId"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            administrator missing | {"contractId":"Z1","name":"N"}                                                                                   | administrator
            bad admin e-mail      | {"contractId":"Z1","name":"N","administrator":{"adminId":"a","name":"A","email":"x","initialPassword":"1234"}}    | administrator.email
            short admin password  | {"contractId":"Z1","name":"N","administrator":{"adminId":"a","name":"A","email":"a@b.jp","initialPassword":"1"}} | administrator.initialPassword
            bad contract ID       | {"contractId":"Z 1","name":"N","administrator":{"adminId":"a","name":"A","email":"a@b.jp","initialPassword":"1234"}} | contractId
            """)
    void aBadContractIsRefusedNamingTheField(String name, String body, String field) throws Exception {
        mvc.perform(postJson("/api/v1/contracts", AUTH.operatorToken("op"), body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[*].field", Matchers.hasItem(field)));
    }

    @ParameterizedTest
    @CsvSource({"{\"reason\":\"lostIt\"}, reason", "{\"reason\":\"cACompromise\"}, reason", "{}, reason"})
    void aReissueNeedsAnRfc5280Reason(String body, String field) throws Exception {
        mvc.perform(postJson(users + "/existing/reissue", adminToken, body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    @Test
    void aContactChangeNeedsAValidAddress() throws Exception {
        mvc.perform(patch(users + "/existing")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(APPLICATION_JSON)
                        .content("{\"email\":\"nope\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        mvc.perform(patch(users + "/existing")
                        .header("Authorization", "Bearer " + adminToken)
                        .contentType(APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @Test
    void aBadPageSizeIsRefused() throws Exception {
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit?size=0", adminToken))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit?page=x", adminToken))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
    }
}
