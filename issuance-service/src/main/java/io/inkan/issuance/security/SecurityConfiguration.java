package io.inkan.issuance.security;

import io.inkan.messaging.http.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
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
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Two faces. Under {@code /api} a stateless resource server for auth-service's ES256 tokens: only operators and
 * contract administrators get in (401 without a valid token, 403 for a user's), and which certificates an
 * administrator may read is decided by the route. Everything else is the CA's public face, open to any relying
 * party: {@code GET /ca/chain.pem}, {@code GET /crl}, {@code POST /ocsp}, {@code GET /ocsp/{request}} and actuator
 * health, info and prometheus; any other path is a 404.
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
    SecurityFilterChain publicFace(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable()) // relying parties POST OCSP requests without any session
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // the OCSP answers set their own cache headers (RFC 5019 §6); the chain and CRL may be cached too
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    WebSecurityCustomizer ocspFriendlyFirewall() {
        return web -> web.httpFirewall(new OcspFriendlyFirewall());
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

    /**
     * Spring Security's strict firewall, with one narrow exception. {@code GET /ocsp/{request}} carries a base64 DER
     * OCSP request in its path (RFC 5019 §5), URL-encoded by careful clients and raw by others, so that path may hold
     * {@code %2F} (an encoded '/'), {@code //} and {@code %2B}, which the strict firewall refuses everywhere. A GET
     * whose path is {@code /ocsp/} followed by nothing but base64 characters and the percent-encodings of '+', '/' and
     * '=' is let through with exactly those allowances; every other request meets the strict firewall unchanged.
     * Nothing such a path holds can reach another route: it has no '.', no other escape, and Tomcat keeps {@code %2F}
     * undecoded.
     */
    private static final class OcspFriendlyFirewall implements HttpFirewall {
        private static final Pattern OCSP_GET = Pattern.compile("/ocsp/(?:[A-Za-z0-9+/=_-]|%2[BbFf]|%3[Dd])+");

        private final StrictHttpFirewall strict = new StrictHttpFirewall();
        private final StrictHttpFirewall ocspGet = new StrictHttpFirewall();

        OcspFriendlyFirewall() {
            ocspGet.setAllowedHttpMethods(List.of("GET"));
            ocspGet.setAllowUrlEncodedSlash(true);
            ocspGet.setAllowUrlEncodedDoubleSlash(true);
            // the servlet path keeps "%2F" as it came (Tomcat's encodedSolidusHandling=passthrough), so it holds a '%'
            ocspGet.setAllowUrlEncodedPercent(true);
        }

        @Override
        public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
            return isOcspGet(request) ? ocspGet.getFirewalledRequest(request) : strict.getFirewalledRequest(request);
        }

        @Override
        public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
            return strict.getFirewalledResponse(response);
        }

        private static boolean isOcspGet(HttpServletRequest request) {
            String uri = request.getRequestURI();
            String context = request.getContextPath();
            if (!"GET".equals(request.getMethod()) || uri == null || context == null || !uri.startsWith(context)) {
                return false;
            }
            return OCSP_GET.matcher(uri.substring(context.length())).matches();
        }
    }
}
