package io.inkan.admin.operator;

import io.inkan.admin.security.Access;
import io.inkan.admin.security.Caller;
import io.inkan.messaging.http.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators look after each other: one unlocks another who locked themselves out. */
@RestController
@Tag(name = "Contracts", description = "The bank's operators: contracts and their administrators.")
@SecurityRequirement(name = "bearer")
class OperatorController {
    private final OperatorUnlocks unlocks;

    OperatorController(OperatorUnlocks unlocks) {
        this.unlocks = unlocks;
    }

    @Operation(
            summary = "Unlock another operator",
            description = "By a bank operator, for another one who locked themselves out; nobody unlocks themselves.")
    @ApiResponse(
            responseCode = "202",
            description = "Ordered.",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples = @ExampleObject(value = "{\"status\":\"ACCEPTED\"}")))
    @ProblemResponse(status = 400, code = "VALIDATION_FAILED", description = "operatorId is too long")
    @ProblemResponse(status = 403, code = "FORBIDDEN", description = "not a bank operator, or the operator's own ID")
    @PostMapping("/api/v1/operators/{operatorId}/unlock")
    ResponseEntity<Map<String, String>> unlock(@AuthenticationPrincipal Jwt jwt, @PathVariable String operatorId) {
        Caller caller = Caller.of(jwt);
        Access.requireOperator(caller);
        unlocks.unlock(caller, operatorId);
        return ResponseEntity.accepted().body(Map.of("status", "ACCEPTED"));
    }
}
