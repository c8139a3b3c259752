package io.inkan.admin;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.inkan.testsupport.Postgres;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The one Spring context of admin-service's ITs: a real embedded broker, a fresh PostgreSQL database,
 * and a stub auth-service (JWKS and sealing certificate over HTTP). Subclasses add no configuration,
 * so the context is built once.
 */
@SpringBootTest(
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "inkan.messaging.relay-interval=PT0.1S"
        })
@AutoConfigureMockMvc
@EmbeddedKafka
public abstract class AdminServiceIT {
    protected static final StubAuthService AUTH = StubAuthService.get();

    @Autowired
    protected MockMvc mvc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = Postgres.freshDatabase("inkan_admin_it");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> Postgres.USER);
        registry.add("spring.datasource.password", () -> Postgres.PASSWORD);
        registry.add("inkan.auth.url", AUTH::url);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static MockHttpServletRequestBuilder postJson(String path, String token, String json) {
        var request = post(path).contentType(MediaType.APPLICATION_JSON).content(json);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    protected static MockHttpServletRequestBuilder getWith(String path, String token) {
        var request = get(path);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    protected static String contractJson(String contractId, String adminId, String password) {
        return """
                {"contractId":"%s","name":"株式会社テスト","administrator":{"adminId":"%s","name":"管理 太郎",\
                "email":"admin@example.co.jp","initialPassword":"%s"}}""".formatted(contractId, adminId, password);
    }

    protected static String userJson(String userId, String loginId, String password) {
        return """
                {"userId":"%s","name":"利用 花子","email":"hanako@example.co.jp",%s"initialPassword":"%s"}""".formatted(userId, loginId == null ? "" : "\"loginId\":\"" + loginId + "\",", password);
    }

    /** Registers a contract with administrator {@code admin} over HTTP, as an operator would. */
    protected void registerContract(String contractId, String adminId) throws Exception {
        mvc.perform(postJson(
                        "/api/v1/contracts",
                        AUTH.operatorToken("operator"),
                        contractJson(contractId, adminId, "Init-Pass-1")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isCreated());
    }

    protected void registerUser(String contractId, String adminId, String userId) throws Exception {
        mvc.perform(postJson(
                        "/api/v1/contracts/" + contractId + "/users",
                        AUTH.adminToken(contractId, adminId),
                        userJson(userId, null, "1234")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isCreated());
    }
}
