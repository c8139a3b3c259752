package io.inkan.issuance.security;

import io.inkan.messaging.http.BearerTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
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
        return BearerTokens.decoder(auth.jwks(), auth.issuer(), clock);
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
