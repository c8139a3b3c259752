package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a bank's release process takes from each service's jar as built here: the CycloneDX SBOM its
 * vulnerability scanner reads, and the build information {@code /actuator/info} reports.
 */
class ReleaseArtifactsTest {

    @ParameterizedTest
    @ValueSource(strings = {"auth-service", "issuance-service", "admin-service", "notification-service"})
    void everyServiceJarCarriesItsSbomAndBuildInfo(String service) throws IOException {
        Path jar = Path.of("..", service, "target", service + ".jar");
        assertThat(jar).as("%s's jar (built before system-tests)", service).exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry sbom = file.getEntry("META-INF/sbom/application.cdx.json");
            assertThat(sbom).as("the SBOM in %s", jar).isNotNull();
            JsonNode bom;
            try (InputStream in = file.getInputStream(sbom)) {
                bom = JsonMapper.builder().build().readTree(in);
            }
            assertThat(bom.path("bomFormat").asString()).isEqualTo("CycloneDX");
            assertThat(bom.path("metadata").path("component").path("name").asString())
                    .isEqualTo(service);
            assertThat(bom.path("components")
                            .valueStream()
                            .map(c -> c.path("name").asString()))
                    .as("the SBOM's components")
                    .contains("spring-boot", "kafka-clients", "common-events");

            ZipEntry buildInfo = file.getEntry("META-INF/" + service + "/build-info.properties");
            assertThat(buildInfo).as("build-info in %s", jar).isNotNull();
            Properties build = new Properties();
            try (InputStream in = file.getInputStream(buildInfo)) {
                build.load(in);
            }
            assertThat(build.getProperty("build.artifact")).isEqualTo(service);
            assertThat(build.getProperty("build.version")).isNotBlank();
            assertThat(build.getProperty("build.time")).isNotBlank();
        }
        assertThat(Files.size(jar)).isPositive();
    }
}
