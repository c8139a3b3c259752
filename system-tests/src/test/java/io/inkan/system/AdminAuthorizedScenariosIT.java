package io.inkan.system;

import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.Infrastructure;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scenarios on the embedded stack: in-process Kafka, GreenMail, the machine's PostgreSQL. The everyday operations
 * in this style run on the same deployment, side by side with the journeys, so that its three minutes pass once.
 */
class AdminAuthorizedScenariosIT extends AdminAuthorizedScenarios implements EverydayOperationsScenarios {
    @Override
    protected Infrastructure newInfrastructure() {
        return new EmbeddedInfrastructure();
    }

    @Override
    public Style style() {
        return Style.ADMIN_AUTHORIZED;
    }

    /** The journeys' deployment, which is the everyday operations' one. */
    @Override
    protected Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>(EverydayOperationsScenarios.PROPERTIES);
        properties.put("inkan.issuance.mode", "ADMIN_AUTHORIZED");
        properties.putAll(super.properties());
        return properties;
    }
}
