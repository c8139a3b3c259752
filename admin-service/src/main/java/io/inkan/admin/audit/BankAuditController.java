package io.inkan.admin.audit;

import io.inkan.admin.security.Access;
import io.inkan.admin.security.Caller;
import io.inkan.messaging.http.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The bank's own audit trail ({@link AuditTrail#BANK}), for its operators only. */
@RestController
@Tag(name = "Audit", description = "Who did what, and when: hash-chained trails.")
@SecurityRequirement(name = "bearer")
class BankAuditController {
    private final AuditTrail trail;

    BankAuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** Newest first; empty until an operator did something that concerns no contract. */
    @Operation(
            summary = "The bank's own audit trail",
            description =
                    "What operators did that concerns no contract (unlocking another operator), newest first, in pages (`page` from 0, `size` 1 to 500, default 50).")
    @ApiResponse(responseCode = "200", description = "One page of the trail.")
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description = "page or size is not a whole number in range (page from 0, size 1 to 500)")
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not a bank operator")
    @GetMapping("/api/v1/audit")
    AuditController.Page list(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Access.requireOperator(Caller.of(jwt));
        AuditTrail.AuditPage slice = trail.page(AuditTrail.BANK, page, size);
        return new AuditController.Page(
                AuditTrail.BANK,
                page,
                size,
                slice.totalEntries(),
                slice.entries().stream().map(AuditController.Entry::of).toList());
    }
}
