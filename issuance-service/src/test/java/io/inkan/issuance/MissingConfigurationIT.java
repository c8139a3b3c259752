package io.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inkan.testsupport.TestKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Outside the local stack issuance-service has no default for what would be wrong everywhere: the CRL and OCSP
 * address written into every certificate ({@code http://127.0.0.1:8083} names nobody's CA), the key that wraps the CA
 * in the database (a default would protect every bank's CA key with a published key) and the password of a keystore
 * the bank brings. Started without one of them, the real application refuses to start and says which property is
 * missing. Everything else is given, so each test fails if its property gets a default again.
 */
class MissingConfigurationIT {
    private static final String URL = "inkan.issuance.url";
    private static final String ENCRYPTION_KEY = TestKeys.ENCRYPTION_KEY_PROPERTY;
    private static final String CA_KEYSTORE = "inkan.ca.keystore";
    private static final String CA_PASSWORD = "inkan.ca.keystore-password";

    @Test
    void withoutTheIssuanceUrlItRefusesToStartAndNamesIt() throws Exception {
        Map<String, String> configuration = Map.of(ENCRYPTION_KEY, TestKeys.ENCRYPTION_KEY);

        assertThatThrownBy(() -> start(configuration))
                .satisfies(e -> assertThat(messages(e)).contains(URL + " must be set"));
    }

    @Test
    void withoutTheKeyEncryptionKeyItMakesNoCaAndNamesTheKey() throws Exception {
        Path dataDir = Files.createTempDirectory("issuance-missing-configuration");
        Map<String, String> configuration = Map.of(URL, "https://ca.bank.example");

        assertThatThrownBy(() -> start(dataDir, configuration))
                .satisfies(e -> assertThat(messages(e)).contains(ENCRYPTION_KEY + " is not set"));
        // fail closed: no CA file, unwrapped, in the data directory either
        try (var files = Files.walk(dataDir)) {
            assertThat(files.filter(path -> path.toString().endsWith(".p12"))).isEmpty();
        }
    }

    @Test
    void aKeystoreWithoutItsPasswordIsRefusedNamingThePassword() throws Exception {
        Map<String, String> configuration = Map.of(
                URL,
                "https://ca.bank.example",
                CA_KEYSTORE,
                "/etc/inkan/ca.p12",
                ENCRYPTION_KEY,
                TestKeys.ENCRYPTION_KEY);

        assertThatThrownBy(() -> start(configuration))
                .satisfies(e -> assertThat(messages(e)).contains(CA_PASSWORD + " must be set"));
    }

    /** The application as {@code java -jar issuance-service.jar} runs it, on an embedded database of its own. */
    private static void start(Map<String, String> configuration) throws IOException {
        start(Files.createTempDirectory("issuance-missing-configuration"), configuration);
    }

    private static void start(Path dataDir, Map<String, String> configuration) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--inkan.data-dir=" + dataDir,
                "--server.port=0",
                // nobody listens there: the refusal must come before Kafka is needed
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort()));
        configuration.forEach((name, value) -> args.add("--" + name + "=" + value));
        try (ConfigurableApplicationContext started =
                new SpringApplicationBuilder(IssuanceServiceApplication.class).run(args.toArray(String[]::new))) {
            throw new AssertionError("issuance-service started with only " + configuration.keySet());
        }
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
