package io.inkan.admin.user;

import io.inkan.admin.contract.Contracts;
import io.inkan.admin.security.Access;
import io.inkan.admin.security.Caller;
import io.inkan.admin.web.ApiException;
import io.inkan.events.Span;
import io.inkan.messaging.http.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Expiring certificates", description = "What expires soon, for reminders beyond the mails.")
@SecurityRequirement(name = "bearer")
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

    @Operation(
            summary = "The contract's certificates expiring soon",
            description =
                    "The contract's usable certificates (ACTIVE, or a renewal issued and not yet used) whose notAfter falls within `expiringWithin` (an ISO-8601 period, at most P400D) from now, soonest first, in pages (`page` from 0, `size` 1 to 500, default 50). `renewalWaiting` is true when a renewal is issued and waits for its first use, or the user's renewal request awaits an answer.")
    @ApiResponse(
            responseCode = "200",
            description = "One page.",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"items\":[{\"contractId\":\"C0012345\",\"userId\":\"U001\",\"userName\":\"利用 花子\",\"serialNumber\":\"5f3a…\",\"notAfter\":\"2027-05-01T03:00:00Z\",\"renewalWaiting\":false}],\"page\":0,\"size\":50,\"total\":1}")))
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description =
                    "expiringWithin is missing, not a positive ISO-8601 period or longer than P400D; or page or size is out of range")
    @ProblemResponse(
            status = 403,
            code = "FORBIDDEN",
            description = "neither an operator nor the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract")
    @GetMapping("/api/v1/contracts/{contractId}/certificates")
    ExpiringPage ofContract(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String contractId,
            // checked here, not by Spring, so that access is decided first (403 before 400)
            @Parameter(required = true, description = "an ISO-8601 period, at most P400D", example = "P40D")
                    @RequestParam(required = false)
                    String expiringWithin,
            @Parameter(description = "the page, from 0", example = "0") @RequestParam(required = false) String page,
            @Parameter(description = "items per page, 1 to 500 (default 50)", example = "50")
                    @RequestParam(required = false)
                    String size) {
        Access.requireOperatorOrAdministratorOf(Caller.of(jwt), contractId);
        Query query = Query.of(expiringWithin, page, size, clock.instant());
        if (!contracts.exists(contractId)) {
            throw ApiException.notFound("contract");
        }
        return certificates.page(contractId, query.from(), query.until(), query.page(), query.size());
    }

    @Operation(
            summary = "Certificates expiring soon, in every contract",
            description = "For bank operators: the same as the contract's list, across all contracts.")
    @ApiResponse(
            responseCode = "200",
            description = "One page.",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"items\":[{\"contractId\":\"C0012345\",\"userId\":\"U001\",\"userName\":\"利用 花子\",\"serialNumber\":\"5f3a…\",\"notAfter\":\"2027-05-01T03:00:00Z\",\"renewalWaiting\":false}],\"page\":0,\"size\":50,\"total\":1}")))
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description =
                    "expiringWithin is missing, not a positive ISO-8601 period or longer than P400D; or page or size is out of range")
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not a bank operator")
    @GetMapping("/api/v1/certificates")
    ExpiringPage ofAllContracts(
            @AuthenticationPrincipal Jwt jwt,
            // checked here, not by Spring, so that access is decided first (403 before 400)
            @Parameter(required = true, description = "an ISO-8601 period, at most P400D", example = "P40D")
                    @RequestParam(required = false)
                    String expiringWithin,
            @Parameter(description = "the page, from 0", example = "0") @RequestParam(required = false) String page,
            @Parameter(description = "items per page, 1 to 500 (default 50)", example = "50")
                    @RequestParam(required = false)
                    String size) {
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
