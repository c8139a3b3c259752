package io.inkan.system;

import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.Infrastructure;

/**
 * The front end's and operators' tools against the embedded stack, on H2 databases: the local stack's
 * default, so that every service's SQL also runs end to end there.
 */
class FrontEndScenariosIT extends FrontEndScenarios {
    @Override
    protected Infrastructure newInfrastructure() {
        return EmbeddedInfrastructure.withH2();
    }
}
