package io.inkan.system;

import io.inkan.system.stack.ContainerInfrastructure;
import io.inkan.system.stack.Infrastructure;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same scenarios against containers (apache/kafka, postgres, Mailpit); skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class AdminAuthorizedScenariosContainersIT extends AdminAuthorizedScenarios {
    @Override
    protected Infrastructure newInfrastructure() {
        return new ContainerInfrastructure();
    }
}
