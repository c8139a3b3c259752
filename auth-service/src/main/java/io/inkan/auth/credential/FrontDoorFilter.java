package io.inkan.auth.credential;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks every HTTP request's thread as the front door, so that its password checks are refused 503 when
 * too many run or wait (see {@link PasswordChecks}) instead of piling up. Every route and every connector
 * passes here; consumers and the start-up never do, so they wait for their turn instead.
 */
@Component
class FrontDoorFilter extends OncePerRequestFilter {
    private final PasswordChecks checks;

    FrontDoorFilter(PasswordChecks checks) {
        this.checks = checks;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (PasswordChecks.FrontDoor ignored = checks.frontDoor()) {
            chain.doFilter(request, response);
        }
    }
}
