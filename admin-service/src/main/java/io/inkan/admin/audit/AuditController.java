package io.inkan.admin.audit;

import io.inkan.admin.security.Access;
import io.inkan.admin.security.Caller;
import io.inkan.admin.web.ApiException;
import io.inkan.messaging.http.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for the bank's operators and the contract's own administrator. */
@RestController
@RequestMapping("/api/v1/contracts/{contractId}/audit")
@Tag(name = "Audit", description = "Who did what, and when: hash-chained trails.")
@SecurityRequirement(name = "bearer")
class AuditController {
    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** Newest first. */
    @Operation(
            summary = "The contract's audit trail",
            description =
                    "Who did what, and when, in the contract, newest first, in pages (`page` from 0, `size` 1 to 500, default 50); refusals are recorded too. Each entry carries the hash of the one before.")
    @ApiResponse(responseCode = "200", description = "One page of the trail.")
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description = "page or size is not a whole number in range (page from 0, size 1 to 500)")
    @ProblemResponse(
            status = 403,
            code = "FORBIDDEN",
            description = "neither an operator nor the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract")
    @GetMapping
    Page list(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String contractId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Access.requireOperatorOrAdministratorOf(Caller.of(jwt), contractId);
        requireKnown(contractId);
        AuditTrail.AuditPage slice = trail.page(contractId, page, size);
        return new Page(
                contractId,
                page,
                size,
                slice.totalEntries(),
                slice.entries().stream().map(Entry::of).toList());
    }

    /** Recomputes the contract's chain; {@code valid: false} names the first entry that was altered or lost. */
    @Operation(
            summary = "Verify the contract's audit trail",
            description = "Recomputes the hash chain; `valid: false` names the first entry that was altered or lost.")
    @ApiResponse(responseCode = "200", description = "The verdict.")
    @ProblemResponse(
            status = 403,
            code = "FORBIDDEN",
            description = "neither an operator nor the administrator of this contract")
    @ProblemResponse(status = 404, code = "NOT_FOUND", description = "no such contract")
    @GetMapping("/verification")
    AuditVerification verify(@AuthenticationPrincipal Jwt jwt, @PathVariable String contractId) {
        Access.requireOperatorOrAdministratorOf(Caller.of(jwt), contractId);
        requireKnown(contractId);
        return trail.verify(contractId);
    }

    private void requireKnown(String contractId) {
        if (!trail.exists(contractId)) {
            throw ApiException.notFound("contract");
        }
    }

    record Page(String contractId, int page, int size, long totalEntries, List<Entry> entries) {}

    record Actor(String realm, String id) {}

    record Entry(
            long sequence,
            Instant occurredAt,
            Actor actor,
            String action,
            String target,
            String outcome,
            String detail,
            String previousHash,
            String hash) {
        static Entry of(AuditEntry e) {
            return new Entry(
                    e.sequence(),
                    e.occurredAt(),
                    new Actor(e.actorRealm(), e.actorId()),
                    e.action(),
                    e.target(),
                    e.outcome(),
                    e.detail(),
                    e.previousHash(),
                    e.entryHash());
        }
    }
}
