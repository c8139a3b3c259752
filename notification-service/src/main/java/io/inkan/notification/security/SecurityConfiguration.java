package io.inkan.notification.security;

import io.inkan.messaging.http.BearerTokens;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Under {@code /api} a stateless resource server for auth-service's ES256 tokens: only operators and contract
 * administrators get in (401 without a valid token, 403 for a user's), and whose mails an administrator may read is
 * decided by the route. Outside {@code /api} there is only actuator health, info and prometheus; any other path is a
 * 404.
 *
 * <p>Keys come from auth-service's JWKS, fetched on the first token (not at start-up, so this service starts while
 * auth-service is still down), cached, and fetched again when a token names a key id not yet known (key rotation).
 * Token times are checked against the injected clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthServiceProperties.class)
class SecurityConfiguration {
    static final String FORBIDDEN_DETAIL = BearerTokens.FORBIDDEN_DETAIL;

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        BearerTokens.resourceServer(http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole("OPERATOR", "ADMIN")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain operations(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder(AuthServiceProperties auth, Clock clock) {
        return BearerTokens.decoder(auth.jwks(), auth.issuer(), clock);
    }
}
