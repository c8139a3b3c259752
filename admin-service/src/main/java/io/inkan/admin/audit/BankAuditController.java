package io.inkan.admin.audit;

import io.inkan.admin.security.Access;
import io.inkan.admin.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The bank's own audit trail ({@link AuditTrail#BANK}), for its operators only. */
@RestController
class BankAuditController {
    private final AuditTrail trail;

    BankAuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** Newest first; empty until an operator did something that concerns no contract. */
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
