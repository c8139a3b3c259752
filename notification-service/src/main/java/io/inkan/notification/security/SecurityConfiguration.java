package io.inkan.notification.security;

import io.inkan.messaging.http.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
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
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

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
    static final String FORBIDDEN_DETAIL = "This call is not allowed with your token.";

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> problem(
                request, response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid bearer token is required.");
        AccessDeniedHandler forbidden = (request, response, e) ->
                problem(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN", FORBIDDEN_DETAIL);
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole("OPERATOR", "ADMIN"))
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.jwtAuthenticationConverter(authorities()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
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
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(auth.jwks().toString())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> validator =
                new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(auth.issuer()));
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
