package io.inkan.web.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Spring Security here guards the browser's side only: every state-changing request carries the session's CSRF token
 * (forms a hidden field, the screens' scripts an {@code X-CSRF-TOKEN} header), pages may not be framed, and scripts
 * come from this origin only. Who the customer or administrator is, is decided by auth-service; the token it hands
 * out stays in the server-side session, behind the HttpOnly session cookie.
 */
@Configuration
class WebSecurity {

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                                        + " object-src 'none'; base-uri 'none'; form-action 'self';"
                                        + " frame-ancestors 'none'"))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .build();
    }

    /** No local accounts: without this bean Spring Boot would make one and log its password. */
    @Bean
    UserDetailsService noLocalAccounts() {
        return new InMemoryUserDetailsManager();
    }
}
