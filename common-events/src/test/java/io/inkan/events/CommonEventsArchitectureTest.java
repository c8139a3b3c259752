package io.inkan.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The events are a plain library every service and every bank's front end can depend on. */
@AnalyzeClasses(packages = "io.inkan.events", importOptions = ImportOption.DoNotIncludeTests.class)
class CommonEventsArchitectureTest {

    @ArchTest
    static final ArchRule eventsDependOnlyOnTheJdkAndJackson3 = classes()
            .that()
            .resideInAPackage("io.inkan.events..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("io.inkan.events..", "java..", "tools.jackson..", "com.fasterxml.jackson.annotation..")
            .because("common-events is shared by every service and by the banks' front ends");

    @ArchTest
    static final ArchRule eventsUseNeitherSpringNorKafkaNorJdbc = noClasses()
            .that()
            .resideInAPackage("io.inkan.events..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..", "jakarta..")
            .because("the events carry no framework; each service brings its own");

    @ArchTest
    static final ArchRule eventsDoNotUseJackson2Databind = noClasses()
            .that()
            .resideInAPackage("io.inkan.events..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.fasterxml.jackson.databind..")
            .because("the JSON form is Jackson 3's (tools.jackson); only Jackson's annotations are shared");
}
