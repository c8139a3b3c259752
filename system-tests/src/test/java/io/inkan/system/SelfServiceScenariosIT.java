package io.inkan.system;

import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.Infrastructure;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scenarios on the embedded stack: in-process Kafka, GreenMail, the machine's PostgreSQL. The everyday operations,
 * the mails' wording and the one trace of a certificate's journey run on the same deployment in this style, side by
 * side, so that its three minutes pass once for all of them.
 */
class SelfServiceScenariosIT extends SelfServiceScenarios
        implements EverydayOperationsScenarios, MailWordingScenarios, OneTraceScenarios {
    @Override
    protected Infrastructure newInfrastructure() {
        return new EmbeddedInfrastructure();
    }

    @Override
    public Style style() {
        return Style.SELF_SERVICE;
    }

    /**
     * The everyday operations' periods (a certificate valid three minutes: the login-ID journeys take less than one)
     * and the bank's help desk the mails name.
     */
    @Override
    protected Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>(super.properties());
        properties.putAll(EverydayOperationsScenarios.PROPERTIES);
        properties.putAll(MailWordingScenarios.PROPERTIES);
        return properties;
    }
}
