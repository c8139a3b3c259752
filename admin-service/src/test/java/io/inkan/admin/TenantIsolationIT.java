package io.inkan.admin;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Every route against every kind of caller: the bank's operator, the contract's own administrator,
 * another contract's administrator, a user, and no token at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT extends AdminServiceIT {
    private final String contract = unique("C");
    private final String otherContract = unique("D");
    private final String admin = "admin1";
    private final String user = "user1";

    @BeforeAll
    void twoContractsAndAUser() throws Exception {
        registerContract(contract, admin);
        registerContract(otherContract, admin);
        registerUser(contract, admin, user);
    }

    enum Who {
        OPERATOR,
        OWN_ADMIN,
        OTHER_ADMIN,
        USER,
        NOBODY
    }

    record Route(String name, HttpMethod method, String path, String body, int operator, int ownAdmin) {}

    List<Route> routes() {
        String base = "/api/v1/contracts/" + contract;
        String users = base + "/users";
        String u = users + "/" + user;
        return List.of(
                new Route("register contract", HttpMethod.POST, "/api/v1/contracts", null, 201, 403),
                new Route("register user", HttpMethod.POST, users, "USER", 403, 201),
                new Route("list users", HttpMethod.GET, users, null, 403, 200),
                new Route("get user", HttpMethod.GET, u, null, 403, 200),
                new Route("change contact", HttpMethod.PATCH, u, "{\"language\":\"en\"}", 403, 200),
                new Route("authorize issuance", HttpMethod.POST, u + "/issuance-authorizations", null, 403, 202),
                new Route("reissue", HttpMethod.POST, u + "/reissue", "{\"reason\":\"keyCompromise\"}", 403, 202),
                new Route("unlock user", HttpMethod.POST, u + "/unlock", null, 403, 202),
                new Route(
                        "revoke certificates",
                        HttpMethod.POST,
                        u + "/revocation",
                        "{\"reason\":\"keyCompromise\"}",
                        202,
                        202),
                new Route(
                        "unlock administrator",
                        HttpMethod.POST,
                        base + "/administrators/" + admin + "/unlock",
                        null,
                        202,
                        403),
                new Route("audit", HttpMethod.GET, base + "/audit", null, 200, 200),
                new Route("audit verification", HttpMethod.GET, base + "/audit/verification", null, 200, 200),
                new Route(
                        "contract's expiring certificates",
                        HttpMethod.GET,
                        base + "/certificates?expiringWithin=P40D",
                        null,
                        200,
                        200),
                new Route(
                        "all expiring certificates",
                        HttpMethod.GET,
                        "/api/v1/certificates?expiringWithin=P40D&page=0&size=50",
                        null,
                        200,
                        403));
    }

    Stream<Arguments> everyRouteForEveryCaller() {
        List<Arguments> cases = new ArrayList<>();
        for (Route route : routes()) {
            for (Who who : Who.values()) {
                int expected = switch (who) {
                    case OPERATOR -> route.operator();
                    case OWN_ADMIN -> route.ownAdmin();
                    case OTHER_ADMIN, USER -> 403;
                    case NOBODY -> 401;
                };
                cases.add(Arguments.of(route.name(), who, route, expected));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {3}")
    @MethodSource("everyRouteForEveryCaller")
    void onlyTheRightCallerGetsThrough(String name, Who who, Route route, int expected) throws Exception {
        String body = route.body();
        if (route.path().equals("/api/v1/contracts")) {
            body = contractJson(unique("N"), "adm", "Init-Pass-1");
        } else if ("USER".equals(body)) {
            body = userJson(unique("u"), null, "5678");
        }
        var request = request(route.method(), route.path());
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        String token = tokenOf(who);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var result = mvc.perform(request).andExpect(status().is(expected));
        if (expected >= 400) {
            result.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value(expected == 401 ? "UNAUTHENTICATED" : "FORBIDDEN"));
        }
    }

    @Test
    void unknownUserIsNotFoundOnlyForTheOwnAdministrator() throws Exception {
        String path = "/api/v1/contracts/" + contract + "/users/nobody/issuance-authorizations";
        mvc.perform(postJson(path, AUTH.adminToken(contract, admin), ""))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(postJson(path, AUTH.adminToken(otherContract, admin), "")).andExpect(status().isForbidden());
    }

    @Test
    void unknownContractIsNotFoundOnlyForTheOperator() throws Exception {
        String unknown = unique("X");
        mvc.perform(postJson("/api/v1/contracts/" + unknown + "/administrators/a/unlock", AUTH.operatorToken("op"), ""))
                .andExpect(status().isNotFound());
        mvc.perform(getWith("/api/v1/contracts/" + unknown + "/audit", AUTH.operatorToken("op")))
                .andExpect(status().isNotFound());
        mvc.perform(getWith("/api/v1/contracts/" + unknown + "/audit", AUTH.adminToken(contract, admin)))
                .andExpect(status().isForbidden());
        mvc.perform(getWith("/api/v1/contracts/" + unknown + "/users", AUTH.adminToken(contract, admin)))
                .andExpect(status().isForbidden());
        mvc.perform(postJson(
                        "/api/v1/contracts/" + contract + "/administrators/nobody/unlock",
                        AUTH.operatorToken("op"),
                        ""))
                .andExpect(status().isNotFound());
    }

    /** The one problem document: without a token an unknown route is 401 like any other; with one, 404. */
    @Test
    void anUnknownRouteIsAProblemWithACode401WithoutATokenAnd404WithOne() throws Exception {
        String nowhere = "/api/v1/no-such-route";
        mvc.perform(request(HttpMethod.GET, nowhere))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:inkan:problem:unauthenticated"))
                .andExpect(jsonPath("$.title").value("Unauthorized"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").isNotEmpty())
                .andExpect(jsonPath("$.instance").value(nowhere))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        mvc.perform(getWith(nowhere, AUTH.operatorToken("op")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:inkan:problem:not-found"))
                .andExpect(jsonPath("$.title").value("Not Found"))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").isNotEmpty())
                .andExpect(jsonPath("$.instance").value(nowhere))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void aTokenFromAnotherKeyIsRefused() throws Exception {
        var foreign = new ECKeyGenerator(Curve.P_256).keyID("test-key-1").generate();
        String forged = StubAuthService.sign(
                foreign, StubAuthService.claims("operator", "op", null, "OPERATOR", Instant.now()));
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit", forged))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void anExpiredTokenOrOneFromAnotherIssuerIsRefused() throws Exception {
        String expired = AUTH.sign(StubAuthService.claims(
                "operator", "op", null, "OPERATOR", Instant.now().minus(Duration.ofHours(1))));
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit", expired))
                .andExpect(status().isUnauthorized());
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder(
                        StubAuthService.claims("operator", "op", null, "OPERATOR", Instant.now()))
                .issuer("somebody-else")
                .jwtID(UUID.randomUUID().toString())
                .build();
        mvc.perform(getWith("/api/v1/contracts/" + contract + "/audit", AUTH.sign(claims)))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void anAdministratorClaimingTheOperatorRoleGetsNothing() throws Exception {
        String mixed = AUTH.token("admin", admin, contract, "OPERATOR");
        mvc.perform(postJson("/api/v1/contracts", mixed, contractJson(unique("M"), "a", "Init-Pass-1")))
                .andExpect(status().isForbidden());
    }

    private String tokenOf(Who who) {
        return switch (who) {
            case OPERATOR -> AUTH.operatorToken("operator");
            case OWN_ADMIN -> AUTH.adminToken(contract, admin);
            case OTHER_ADMIN -> AUTH.adminToken(otherContract, admin);
            case USER -> AUTH.userToken(contract, user);
            case NOBODY -> null;
        };
    }
}
