package io.inkan.messaging.http;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One problem document for every error of every service ({@link Problems}). Before Boot's MVC and error-page
 * configurations, whose own handlers (the {@code spring.mvc.problemdetails} advice, {@code BasicErrorController})
 * then stand back: their bodies have no {@code code}.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemAutoConfiguration {

    @Bean
    ProblemAdvice inkanProblemAdvice() {
        return new ProblemAdvice();
    }

    @Bean
    ProblemErrorController inkanErrorController() {
        return new ProblemErrorController();
    }

    /** The same document in the service's OpenAPI, where the service has springdoc (the four services do). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    static class OpenApiProblems {
        @Bean
        ProblemOpenApi inkanProblemOpenApi(@Value("${spring.application.name:}") String service) {
            return new ProblemOpenApi(service);
        }
    }
}
