package io.inkan.admin.user;

import io.inkan.admin.contract.Contracts;
import io.inkan.admin.security.Access;
import io.inkan.admin.security.Caller;
import io.inkan.admin.web.ApiException;
import io.inkan.events.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What expires soon: the usable certificates whose notAfter falls within {@code expiringWithin} from now, soonest
 * first, for one contract (its administrator or an operator) or for all contracts (operators). Access is checked
 * before the parameters, so a caller without access gets 403 whatever it asks.
 */
@RestController
class ExpiringController {
    /** The longest window: a little over a year, the validity a certificate usually has. */
    static final Duration LONGEST = Duration.ofDays(400);

    static final int DEFAULT_SIZE = 50;
    static final int LARGEST_SIZE = 500;

    private final ExpiringCertificates certificates;
    private final Contracts contracts;
    private final Clock clock;

    ExpiringController(ExpiringCertificates certificates, Contracts contracts, Clock clock) {
        this.certificates = certificates;
        this.contracts = contracts;
        this.clock = clock;
    }

    @GetMapping("/api/v1/contracts/{contractId}/certificates")
    ExpiringPage ofContract(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String contractId,
            @RequestParam(required = false) String expiringWithin,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        Access.requireOperatorOrAdministratorOf(Caller.of(jwt), contractId);
        Query query = Query.of(expiringWithin, page, size, clock.instant());
        if (!contracts.exists(contractId)) {
            throw ApiException.notFound("contract");
        }
        return certificates.page(contractId, query.from(), query.until(), query.page(), query.size());
    }

    @GetMapping("/api/v1/certificates")
    ExpiringPage ofAllContracts(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) String expiringWithin,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        Access.requireOperator(Caller.of(jwt));
        Query query = Query.of(expiringWithin, page, size, clock.instant());
        return certificates.page(null, query.from(), query.until(), query.page(), query.size());
    }

    /** The window now..now+period and the page, as asked for; anything else is 400 VALIDATION_FAILED. */
    record Query(Instant from, Instant until, int page, int size) {
        static Query of(String expiringWithin, String page, String size, Instant now) {
            Instant until = until(expiringWithin, now);
            int pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE / LARGEST_SIZE);
            int pageSize = number("size", size, DEFAULT_SIZE, 1, LARGEST_SIZE);
            return new Query(now, until, pageNumber, pageSize);
        }

        private static Instant until(String expiringWithin, Instant now) {
            if (expiringWithin == null || expiringWithin.isBlank()) {
                throw ApiException.invalid("expiringWithin", "is required: an ISO-8601 period such as P40D");
            }
            Span span;
            try {
                span = Span.valueOf(expiringWithin);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(
                        "expiringWithin", "must be a positive ISO-8601 period such as P40D, at most P400D");
            }
            Instant until = span.addTo(now);
            if (span.isZero() || until.isAfter(now.plus(LONGEST))) {
                throw ApiException.invalid(
                        "expiringWithin", "must be a positive ISO-8601 period such as P40D, at most P400D");
            }
            return until;
        }

        private static int number(String name, String given, int absent, int least, int most) {
            if (given == null) {
                return absent;
            }
            try {
                int value = Integer.parseInt(given.strip());
                if (value >= least && value <= most) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw ApiException.invalid(name, "must be a whole number from " + least + " to " + most);
        }
    }
}
