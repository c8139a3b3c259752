package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * One listener per inbound event type (issue 12): everything an event means to auth-service happens in one
 * method, in one transaction, in an order one can read, not spread over listeners whose order nobody wrote.
 */
class OneListenerPerEventTest {
    @Test
    void noEventTypeHasTwoListenersInAuthService() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        Map<String, List<String>> listenersByEvent = new TreeMap<>();
        for (var candidate : scanner.findCandidateComponents("io.inkan.auth")) {
            Class<?> type =
                    ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader());
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(EventListener.class) && method.getParameterCount() == 1) {
                    listenersByEvent
                            .computeIfAbsent(method.getParameterTypes()[0].getName(), k -> new ArrayList<>())
                            .add(type.getSimpleName() + "." + method.getName());
                }
            }
        }

        assertThat(listenersByEvent)
                .as("the scan found the listeners")
                .containsKeys("io.inkan.events.CertificateIssued", "io.inkan.events.CertificateReissueAuthorized");
        assertThat(listenersByEvent)
                .allSatisfy(
                        (event, listeners) -> assertThat(listeners).as(event).hasSize(1));
    }
}
