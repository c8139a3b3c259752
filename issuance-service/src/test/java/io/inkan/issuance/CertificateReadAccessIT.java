package io.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.CertificateIssued;
import io.inkan.events.RequestKind;
import io.inkan.testsupport.Csrs;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/certificates/{serial}} names the contract and the user a certificate belongs to, and anyone can
 * learn a serial (it travels in every TLS handshake). The attacks: reading it without a token, with a forged or
 * foreign one, as another contract's administrator, or as a user. Only an operator and the administrator of the
 * certificate's contract read it; an administrator of another contract cannot even tell whether the serial exists.
 * Meanwhile the CA's public face (chain, CRL, OCSP, health) needs no token.
 */
class CertificateReadAccessIT extends IssuanceServiceIT {
    private static String contract;
    private static CertificateIssued issued;

    @BeforeEach
    void aCertificateOfOneContract() {
        if (issued == null) {
            contract = "R" + UUID.randomUUID().toString().substring(0, 8);
            String user = user();
            authorize(contract, user);
            issued = awaitIssued(request(contract, user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        }
    }

    @Test
    void withoutATokenIs401WithABearerChallenge() {
        HttpResponse<String> response = get(path(issued.serialNumber()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertProblem(response, "UNAUTHENTICATED");
        assertThat(response.body()).doesNotContain(issued.userId()).doesNotContain(contract);
    }

    @Test
    void aTokenOfAnotherIssuerOrAnExpiredOneIs401() {
        long now = CLOCK.instant().getEpochSecond();
        String otherIssuer = TOKENS.sign("{\"iss\":\"someone-else\",\"sub\":\"operator\",\"realm\":\"operator\","
                + "\"roles\":[\"OPERATOR\"],\"iat\":" + now + ",\"exp\":" + (now + 900) + "}");
        String expired = TOKENS.operator("operator", CLOCK.instant().minusSeconds(3600));
        String garbage = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJvcGVyYXRvciJ9.";

        for (String token : new String[] {otherIssuer, expired, garbage}) {
            HttpResponse<String> response = get(path(issued.serialNumber()), token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertProblem(response, "UNAUTHENTICATED");
        }
    }

    @Test
    void anotherContractsAdministratorIs403AndCannotTellWhetherTheSerialExists() {
        String stranger =
                TOKENS.administrator("X" + UUID.randomUUID().toString().substring(0, 8), "kanri", CLOCK.instant());

        HttpResponse<String> existing = get(path(issued.serialNumber()), stranger);
        HttpResponse<String> missing = get(path("abc123def456"), stranger);

        assertThat(existing.statusCode()).isEqualTo(403);
        assertProblem(existing, "FORBIDDEN");
        assertThat(existing.body()).doesNotContain(issued.userId()).doesNotContain(contract);
        assertThat(missing.statusCode()).isEqualTo(403);
        // the same document, but for the path each request named itself (its instance)
        assertThat(withoutInstance(missing.body())).isEqualTo(withoutInstance(existing.body()));
        assertThat(missing.body()).contains("\"instance\":\"" + path("abc123def456") + "\"");
    }

    @Test
    void aUserTokenIs403EvenForTheUsersOwnCertificate() {
        HttpResponse<String> response =
                get(path(issued.serialNumber()), TOKENS.user(contract, issued.userId(), CLOCK.instant()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertProblem(response, "FORBIDDEN");
    }

    @Test
    void theContractsAdministratorAndAnOperatorRead200() {
        for (String token : new String[] {
            TOKENS.administrator(contract, "kanri", CLOCK.instant()), TOKENS.operator("operator", CLOCK.instant())
        }) {
            HttpResponse<String> response = get(path(issued.serialNumber()), token);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .contains("\"contractId\":\"" + contract + "\"", "\"userId\":\"" + issued.userId() + "\"");
        }
        HttpResponse<String> unknown = get(path("abc123def456"), TOKENS.operator("operator", CLOCK.instant()));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertProblem(unknown, "NOT_FOUND");
    }

    @Test
    void anUnknownRouteIsAProblemWithACode404OnThePublicFaceAnd401UnderApi() {
        HttpResponse<String> nowhere = get("/no/such/route");
        HttpResponse<String> underApi = get("/api/v1/no-such-route");

        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertProblem(nowhere, "NOT_FOUND");
        assertThat(nowhere.body())
                .contains("\"type\":\"urn:inkan:problem:not-found\"")
                .contains("\"title\":\"Not Found\"")
                .contains("\"status\":404")
                .contains("\"detail\":")
                .contains("\"instance\":\"/no/such/route\"");
        assertThat(underApi.statusCode()).isEqualTo(401);
        assertProblem(underApi, "UNAUTHENTICATED");
        assertThat(underApi.body())
                .contains("\"type\":\"urn:inkan:problem:unauthenticated\"")
                .contains("\"status\":401")
                .contains("\"instance\":\"/api/v1/no-such-route\"");
    }

    @Test
    void theCasPublicFaceNeedsNoTokenAndUnknownRoutesAre404Or401() {
        assertThat(get("/ca/chain.pem").statusCode()).isEqualTo(200);
        assertThat(get("/crl").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").statusCode()).isIn(200, 503);
        assertThat(get("/actuator/prometheus").statusCode()).isNotIn(401, 403);
        // a token sent along to a public route by mistake does not make it fail
        assertThat(get("/ca/chain.pem", "not-a-token").statusCode()).isEqualTo(200);

        HttpResponse<String> nowhere = get("/no/such/route");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(get("/api/v1/no-such-route").statusCode()).isEqualTo(401);
    }

    private static String withoutInstance(String problem) {
        return problem.replaceAll("\"instance\":\"[^\"]*\"", "");
    }

    private static String path(String serial) {
        return "/api/v1/certificates/" + serial;
    }

    private static void assertProblem(HttpResponse<String> response, String code) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"" + code + "\"");
    }
}
