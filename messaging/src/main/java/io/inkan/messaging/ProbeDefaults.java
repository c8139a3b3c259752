package io.inkan.messaging;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every service's probes, as defaults any other source overrides: {@code /actuator/health/liveness} (the process
 * runs) and {@code /actuator/health/readiness}, which is UP only while the service reaches its database and the
 * broker and no partition's consumption waits for a record being retried ({@code eventConsumption}). A service
 * that cannot apply events is alive (restarting it would not help) but not ready.
 */
final class ProbeDefaults implements EnvironmentPostProcessor {
    static final String SOURCE = "inkanMessagingProbeDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        SOURCE,
                        Map.of(
                                "management.endpoint.health.probes.enabled", "true",
                                "management.endpoint.health.group.liveness.include", "livenessState",
                                "management.endpoint.health.group.readiness.include",
                                        "readinessState,db,kafka,eventConsumption")));
    }
}
