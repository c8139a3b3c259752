package io.inkan.messaging.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
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
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * How admin-, issuance- and notification-service check auth-service's tokens, in one place so that they cannot drift
 * apart: an ES256 signature by a key of auth-service's JWKS (fetched on the first token, not at start-up, so a
 * service starts while auth-service is still down; fetched again when a token names a key id not yet known), the
 * issuer, the token's times against the service's clock, and whatever the service adds (admin-service: sessions
 * ended since). A token grants the role of its {@code realm} claim, and nothing if its {@code roles} claim says more
 * than that realm. Refusals are the one problem document: 401 {@code UNAUTHENTICATED} with
 * {@code WWW-Authenticate: Bearer}, 403 {@code FORBIDDEN}.
 */
public final class BearerTokens {
    public static final String FORBIDDEN_DETAIL = "This call is not allowed with your token.";

    private BearerTokens() {}

    @SafeVarargs
    public static JwtDecoder decoder(URI jwks, String issuer, Clock clock, OAuth2TokenValidator<Jwt>... more) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwks.toString())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(timestamps);
        validators.add(new JwtIssuerValidator(issuer));
        validators.addAll(List.of(more));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /**
     * Makes {@code http} a resource server for these tokens, refusing in the problem shape both where a token is
     * checked and where a route's rule turns the caller away.
     */
    public static HttpSecurity resourceServer(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> refuse(
                request, response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid bearer token is required.");
        AccessDeniedHandler forbidden = (request, response, e) ->
                refuse(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN", FORBIDDEN_DETAIL);
        return http.oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.jwtAuthenticationConverter(authorities()))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden));
    }

    /** Authorities from the {@code realm} claim (ROLE_OPERATOR, ROLE_ADMIN, ROLE_USER); {@code sub} names the caller. */
    static JwtAuthenticationConverter authorities() {
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

    private static void refuse(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        Problems.write(request, response, status, code, detail);
    }
}
