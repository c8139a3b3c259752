package io.inkan.system;

import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.Infrastructure;

/** The everyday operations in the login-ID style, on the embedded stack. */
class EverydayOperationsSelfServiceIT extends EverydayOperationsScenarios {
    @Override
    protected Style style() {
        return Style.SELF_SERVICE;
    }

    @Override
    protected Infrastructure newInfrastructure() {
        return new EmbeddedInfrastructure();
    }
}
