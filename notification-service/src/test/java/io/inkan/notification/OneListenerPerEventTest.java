package io.inkan.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.event.EventListener;

/**
 * One listener per inbound event type (docs/design.md): the work an event causes is written in one method, in one
 * order, never spread over listeners whose order is left to chance. A listener of a supertype (IssuanceEvent, say)
 * counts for every event of that type.
 */
class OneListenerPerEventTest {

    @Test
    void everyEventTypeHasAtMostOneListener() throws Exception {
        List<Method> listeners = listenersIn("io.inkan.notification");
        Map<String, List<String>> byEvent = new TreeMap<>();
        for (String name : EventTypes.names()) {
            Class<? extends InkanEvent> type = EventTypes.classOf(name).orElseThrow();
            for (Method listener : listeners) {
                if (listener.getParameterTypes()[0].isAssignableFrom(type)) {
                    byEvent.computeIfAbsent(type.getSimpleName(), k -> new ArrayList<>())
                            .add(listener.getDeclaringClass().getSimpleName() + "." + listener.getName());
                }
            }
        }
        assertThat(byEvent)
                .isNotEmpty()
                .allSatisfy((event, methods) -> assertThat(methods).as(event).hasSize(1));
        assertThat(byEvent).containsKeys("CertificateIssued", "CertificateRevoked", "AccountLocked", "UserRegistered");
    }

    static List<Method> listenersIn(String basePackage) throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> true);
        List<Method> listeners = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(EventListener.class))
                    .forEach(listeners::add);
        }
        return listeners;
    }
}
