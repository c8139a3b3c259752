package io.inkan.system;

import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.Infrastructure;

/** The front end's and operators' tools against the embedded stack. */
class FrontEndScenariosIT extends FrontEndScenarios {
    @Override
    protected Infrastructure newInfrastructure() {
        return new EmbeddedInfrastructure();
    }
}
