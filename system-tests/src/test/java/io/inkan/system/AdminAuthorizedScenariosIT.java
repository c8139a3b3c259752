package io.inkan.system;

import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.Infrastructure;

/** The scenarios on the embedded stack: in-process Kafka, GreenMail, the machine's PostgreSQL. */
class AdminAuthorizedScenariosIT extends AdminAuthorizedScenarios {
    @Override
    protected Infrastructure newInfrastructure() {
        return new EmbeddedInfrastructure();
    }
}
