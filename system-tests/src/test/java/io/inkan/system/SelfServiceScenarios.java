package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.system.stack.Http;
import io.inkan.system.stack.RelyingParty.Status;
import io.inkan.testsupport.Csrs;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * The login-ID style (SELF_SERVICE): a user obtains a certificate with login ID and password alone,
 * whenever they ask, and each new one supersedes the one before.
 */
abstract class SelfServiceScenarios extends SystemScenarios {

    @Override
    protected Map<String, String> properties() {
        return Map.of(
                "inkan.issuance.mode", "SELF_SERVICE",
                "inkan.certificate.validity", "PT10M",
                "inkan.notification.scan-interval", "PT5S");
    }

    @Scenario
    void aLoginIdUserObtainsWithoutAnAdministratorAndANewPcSupersedesTheFirst() throws Exception {
        String contractId = newContractId();
        String loginId = "yamada" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        bank.registerContract(bank.operatorToken(), contractId, "ADM01", "admin-pass-01");
        String admin = bank.adminToken(contractId, "ADM01", "admin-pass-01");
        bank.registerUser(admin, contractId, "U001", loginId, "login-pass-01");

        KeyPair firstKey = Csrs.p256();
        String firstCsr = Csrs.csrPem(firstKey);
        JsonNode first = bank.issued(() -> bank.requestWithLoginId(loginId, "login-pass-01", firstCsr));
        String firstPem = first.path("pem").asString();
        relyingParty.assertChainsToTheCa(firstPem);
        assertThat(bank.certificateLogon(firstKey.getPrivate(), firstPem, "login-pass-01")
                        .status())
                .isEqualTo(200);

        // A new PC: the same login ID and password, a new key.
        KeyPair secondKey = Csrs.p256();
        String secondCsr = Csrs.csrPem(secondKey);
        JsonNode second = bank.issued(() -> bank.requestWithLoginId(loginId, "login-pass-01", secondCsr));
        String firstSerial = first.path("serialNumber").asString();
        bank.awaitCertificateStatus(firstSerial, "REVOKED");
        assertThat(bank.certificateStatus(firstSerial).path("revocationReason").asString())
                .isEqualTo("superseded");
        assertThat(relyingParty.ocsp(firstPem)).isEqualTo(Status.REVOKED);
        assertThat(relyingParty.crlLists(firstSerial)).isTrue();
        assertThat(bank.certificateLogon(firstKey.getPrivate(), firstPem, "login-pass-01")
                        .status())
                .isEqualTo(401);
        assertThat(bank.certificateLogon(
                                secondKey.getPrivate(), second.path("pem").asString(), "login-pass-01")
                        .status())
                .isEqualTo(200);
    }

    @Scenario
    void aRetriedCsrAnswersItsFirstRequestAndAKeyCertifiedBeforeIsRefusedToAnyoneElse() {
        String contractId = newContractId();
        String loginId = "sato" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String otherLoginId = "kato" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        bank.registerContract(bank.operatorToken(), contractId, "ADM01", "admin-pass-01");
        String admin = bank.adminToken(contractId, "ADM01", "admin-pass-01");
        bank.registerUser(admin, contractId, "U001", loginId, "login-pass-02");
        bank.registerUser(admin, contractId, "U002", otherLoginId, "login-pass-03");
        KeyPair key = Csrs.p256();
        String csr = Csrs.csrPem(key);

        JsonNode first = bank.issued(() -> bank.requestWithLoginId(loginId, "login-pass-02", csr));

        // The front end never got the answer and posts again: it gets the first request back, not a rejection.
        Http.Response retry = bank.requestWithLoginId(loginId, "login-pass-02", csr);
        assertThat(retry.status()).isEqualTo(202);
        JsonNode again = bank.outcome(retry.json().path("requestId").asString());
        assertThat(again.path("status").asString()).isEqualTo("ISSUED");
        assertThat(again.path("certificate").path("serialNumber").asString())
                .isEqualTo(first.path("serialNumber").asString());

        // The same key in anyone else's request is a key certified before.
        JsonNode reused = bank.obtain(() -> bank.requestWithLoginId(otherLoginId, "login-pass-03", Csrs.csrPem(key)));
        assertThat(reused.path("status").asString()).isEqualTo("REJECTED");
        assertThat(reused.path("reason").asString()).isEqualTo("KEY_REUSED");
    }
}
