package io.inkan.admin.security;

import io.inkan.admin.AuthServiceProperties;
import io.inkan.messaging.http.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
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
        http.csrf(csrf -> csrf.disable())
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
                        .denyAll())
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.jwtAuthenticationConverter(authorities()))
                        .authenticationEntryPoint((request, response, e) -> problem(
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "UNAUTHENTICATED",
                                "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) -> problem(
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                "FORBIDDEN",
                                "This call is not allowed with your token.")))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) -> problem(
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "UNAUTHENTICATED",
                                "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) -> problem(
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                "FORBIDDEN",
                                "This call is not allowed with your token.")));
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder(AuthServiceProperties auth, Clock clock, SessionEnds sessionEnds) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
                        auth.resolve("/.well-known/jwks.json").toString())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> validator =
                new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(auth.issuer()), sessionEnds);
        decoder.setJwtValidator(validator);
        return decoder;
    }

    /** Authorities from the {@code realm} claim (ROLE_OPERATOR, ROLE_ADMIN, ROLE_USER); {@code sub} names the caller. */
    private static JwtAuthenticationConverter authorities() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> granted = new ArrayList<>();
            String realm = jwt.getClaimAsString("realm");
            if (realm != null) {
                granted.add(new SimpleGrantedAuthority("ROLE_" + realm.toUpperCase(Locale.ROOT)));
            }
            List<String> roles = jwt.getClaimAsStringList("roles");
            // roles must agree with the realm: a token claiming more than its realm gets nothing extra
            if (roles != null && realm != null && !roles.contains(realm.toUpperCase(Locale.ROOT))) {
                granted.clear();
            }
            return granted;
        });
        return converter;
    }

    private static void problem(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        Problems.write(request, response, status, code, detail);
    }
}
