package io.inkan.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The boundaries DESIGN.md draws, checked over the production classes of every module: services know
 * each other only through events and public HTTP APIs, never through code.
 */
class ArchitectureTest {
    private static final List<String> SERVICES = List.of("auth", "issuance", "admin", "notification");

    static JavaClasses inkan;

    @BeforeAll
    static void importClasses() {
        inkan = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.inkan");
    }

    @ParameterizedTest(name = "{0}-service uses no other service's code")
    @ValueSource(strings = {"auth", "issuance", "admin", "notification"})
    void aServiceUsesNoOtherServicesCode(String service) {
        String[] others = SERVICES.stream()
                .filter(s -> !s.equals(service))
                .map(s -> "io.inkan." + s + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage("io.inkan." + service + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .check(inkan);
    }

    @Test
    void theSharedModulesKnowNoService() {
        noClasses()
                .that()
                .resideInAnyPackage("io.inkan.events..", "io.inkan.messaging..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.inkan.auth..", "io.inkan.issuance..", "io.inkan.admin..", "io.inkan.notification..")
                .check(inkan);
    }

    @Test
    void nothingUsesJackson2() {
        // Jackson 3 (tools.jackson) is the project's JSON; Jackson 2 is only on the classpath for libraries.
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson.databind..")
                .check(inkan);
    }

    @Test
    void eventsAreWrittenToTheOutboxNotSentToKafkaDirectly() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.inkan.auth..", "io.inkan.issuance..", "io.inkan.admin..", "io.inkan.notification..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
                .check(inkan);
    }
}
