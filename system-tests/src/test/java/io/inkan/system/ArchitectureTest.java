package io.inkan.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The boundaries docs/design.md draws, checked over the production classes of every module: services know
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
    void domainClassesImportNoSpringKafkaOrJdbc() {
        // A domain class is one the framework does not manage: no Spring annotation, not an adapter.
        // Rules (lock-out, issuance rights, reminder schedules, audit chains) stay testable with a
        // fixed clock and no container.
        classes()
                .that()
                .resideInAnyPackage(
                        "io.inkan.auth..", "io.inkan.issuance..", "io.inkan.admin..", "io.inkan.notification..")
                .and(DOMAIN)
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "java.sql..",
                        "javax.sql..",
                        "io.inkan.messaging..")
                .check(inkan);
    }

    private static final DescribedPredicate<JavaClass> DOMAIN =
            new DescribedPredicate<>("are domain classes (not managed by Spring, not adapters)") {
                @Override
                public boolean test(JavaClass type) {
                    JavaClass outermost = type;
                    while (outermost.getEnclosingClass().isPresent()) {
                        outermost = outermost.getEnclosingClass().get();
                    }
                    boolean springManaged = outermost.getAnnotations().stream()
                            .anyMatch(a -> a.getRawType().getPackageName().startsWith("org.springframework"));
                    return !springManaged
                            && !ADAPTER_NAME.matcher(outermost.getSimpleName()).matches()
                            && !GLUE.contains(outermost.getName());
                }
            };

    /**
     * Adapters wired by configuration classes rather than annotated, whose names do not say so. Each is
     * glue around JDBC, JavaMail or Spring Security; adding a class here is a decision to review.
     */
    private static final java.util.Set<String> GLUE = java.util.Set.of(
            "io.inkan.auth.credential.PasswordHashing", // Argon2id through Spring Security's encoder
            "io.inkan.auth.token.Tokens", // JWTs through Spring Security's Nimbus encoder and decoder
            "io.inkan.auth.token.SigningKeys", // the JWT key generations, kept in the shared key vault (a store)
            "io.inkan.admin.security.Caller", // reads the caller from a Spring Security JWT
            "io.inkan.auth.request.OutcomeWatch", // wakes ?wait= callers: PostgreSQL NOTIFY or an after-commit hook
            "io.inkan.notification.mail.MailLease"); // the lease, from JavaMail's timeouts on the sender

    private static final java.util.regex.Pattern ADAPTER_NAME = java.util.regex.Pattern.compile(
            ".*(Application|Configuration|Controller|Listener|Repository|Store|Vault|Properties|Problems?|Handler|Filter|Advice|Exception)");

    @Test
    void oneClassParsesIsoPeriodsAndDurations() {
        // P40D must mean the same in every service's properties and in every event that carries a period.
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("io.inkan.events.Span")
                .should()
                .callMethod(java.time.Period.class, "parse", CharSequence.class)
                .orShould()
                .callMethod(java.time.Duration.class, "parse", CharSequence.class)
                .check(inkan);
    }

    @Test
    void theBenchmarksCallTheServicesOwnCodeInsteadOfCopiesInTheirPackages() throws java.io.IOException {
        java.nio.file.Path benchmarks = java.nio.file.Path.of("..", "benchmarks", "src");
        try (var files = java.nio.file.Files.walk(benchmarks)) {
            assertThat(files.filter(java.nio.file.Files::isDirectory)
                            .map(dir -> benchmarks.relativize(dir).toString().replace('\\', '/'))
                            .filter(dir -> dir.matches(".*/java/io/inkan/(auth|issuance|admin|notification)(/.*)?")))
                    .isEmpty();
        }
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
