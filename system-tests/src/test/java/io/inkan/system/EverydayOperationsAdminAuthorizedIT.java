package io.inkan.system;

import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.Infrastructure;

/** The everyday operations in the 管理者/利用者 style, on the embedded stack. */
class EverydayOperationsAdminAuthorizedIT extends EverydayOperationsScenarios {
    @Override
    protected Style style() {
        return Style.ADMIN_AUTHORIZED;
    }

    @Override
    protected Infrastructure newInfrastructure() {
        return new EmbeddedInfrastructure();
    }
}
