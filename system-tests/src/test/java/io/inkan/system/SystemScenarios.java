package io.inkan.system;

import io.inkan.system.stack.Bank;
import io.inkan.system.stack.Infrastructure;
import io.inkan.system.stack.InkanSystem;
import io.inkan.system.stack.RelyingParty;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One running Inkan per scenario class, shared by its scenarios, which run side by side (each in a
 * contract of its own) so that the shortened periods elapse once for all of them. Scenario classes
 * run one after another (junit-platform.properties): each deployment has its own style.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SystemScenarios implements RunningInkan {
    private Infrastructure infrastructure;
    private InkanSystem system;
    protected Bank bank;
    protected RelyingParty relyingParty;

    /** The broker, databases and SMTP server the services run against. */
    protected abstract Infrastructure newInfrastructure();

    /** The deployment's properties, handed to every service. */
    protected abstract Map<String, String> properties();

    @BeforeAll
    void startInkan() {
        infrastructure = newInfrastructure();
        system = InkanSystem.start(infrastructure, properties());
        bank = new Bank(system);
        relyingParty = new RelyingParty(system.issuanceUrl());
    }

    @AfterAll
    void stopInkan() {
        if (system != null) {
            system.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Scenario
    void everyServiceIsHealthyAndExposesItsMetrics() {
        for (String url : java.util.List.of(
                system.authUrl(), system.adminUrl(), system.issuanceUrl(), system.notificationUrl())) {
            io.inkan.system.stack.Http.Response health = io.inkan.system.stack.Http.get(url + "/actuator/health", null);
            org.assertj.core.api.Assertions.assertThat(
                            health.json().path("status").asString())
                    .as("health of %s", url)
                    .isEqualTo("UP");
            io.inkan.system.stack.Http.Response metrics =
                    io.inkan.system.stack.Http.get(url + "/actuator/prometheus", null);
            org.assertj.core.api.Assertions.assertThat(metrics.status())
                    .as("metrics of %s", url)
                    .isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(metrics.text()).contains("jvm_memory_used_bytes");
            // the release it runs, for an operator's inventory (build-info from the jar's build)
            io.inkan.system.stack.Http.Response info = io.inkan.system.stack.Http.get(url + "/actuator/info", null);
            org.assertj.core.api.Assertions.assertThat(
                            info.json().path("build").path("version").asString())
                    .as("/actuator/info of %s: %s", url, info)
                    .isNotBlank();
        }
    }

    /**
     * Each service describes its HTTP API at /v3/api-docs (OpenAPI 3.1), without a token; an unknown route is the one
     * problem document with a code: 404, or 401 on admin-service, which asks for a token before anything else.
     */
    @Scenario
    void everyServiceDescribesItsApiAndAnswersAnUnknownRouteWithAProblem() {
        java.util.Map<String, Integer> unknownRoute = java.util.Map.of(
                system.authUrl(),
                404,
                system.adminUrl(),
                401,
                system.issuanceUrl(),
                404,
                system.notificationUrl(),
                404);
        unknownRoute.forEach((url, status) -> {
            io.inkan.system.stack.Http.Response docs = io.inkan.system.stack.Http.get(url + "/v3/api-docs", null);
            org.assertj.core.api.Assertions.assertThat(docs.status())
                    .as("api-docs of %s", url)
                    .isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(
                            docs.json().path("openapi").asString())
                    .startsWith("3.1");
            org.assertj.core.api.Assertions.assertThat(docs.json().path("paths").isEmpty())
                    .as("paths of %s", url)
                    .isFalse();
            io.inkan.system.stack.Http.Response nowhere = io.inkan.system.stack.Http.get(url + "/no/such/route", null);
            org.assertj.core.api.Assertions.assertThat(nowhere.status())
                    .as("unknown route of %s", url)
                    .isEqualTo(status);
            org.assertj.core.api.Assertions.assertThat(nowhere.header("Content-Type"))
                    .startsWith("application/problem+json");
            org.assertj.core.api.Assertions.assertThat(
                            nowhere.json().path("code").asString())
                    .isEqualTo(status == 404 ? "NOT_FOUND" : "UNAUTHENTICATED");
        });
    }

    @Override
    public InkanSystem system() {
        return system;
    }

    @Override
    public Bank bank() {
        return bank;
    }

    @Override
    public RelyingParty relyingParty() {
        return relyingParty;
    }

    static String newContractId() {
        return "C" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }
}
