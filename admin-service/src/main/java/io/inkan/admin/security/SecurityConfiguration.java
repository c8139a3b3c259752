package io.inkan.admin.security;

import io.inkan.admin.AuthServiceProperties;
import io.inkan.messaging.http.BearerTokens;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A stateless resource server for auth-service's ES256 tokens. Keys come from auth-service's JWKS,
 * fetched on the first token (not at start-up, so this service starts while auth-service is still
 * down), cached, and fetched again when a token names a key id not yet known (key rotation).
 * Which contract a caller may act on is decided per route by {@link Access}. Open without a token: health, info and
 * prometheus, and the OpenAPI description ({@code /v3/api-docs}) with Swagger UI; any other path outside {@code /api}
 * is refused (401 without a token, so an unknown route says nothing before the caller has logged on).
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        BearerTokens.resourceServer(http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        // the API's description and its viewer, public like the API's shape in docs/contract.md;
                        // springdoc.api-docs.enabled / springdoc.swagger-ui.enabled=false take them away (404)
                        .requestMatchers(
                                "/v3/api-docs",
                                "/v3/api-docs.yaml",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .hasAnyRole("OPERATOR", "ADMIN")
                        .anyRequest()
                        .denyAll()));
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder(AuthServiceProperties auth, Clock clock, SessionEnds sessionEnds) {
        return BearerTokens.decoder(auth.resolve("/.well-known/jwks.json"), auth.issuer(), clock, sessionEnds);
    }
}
