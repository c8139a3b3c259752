package io.inkan.admin.operator;

import io.inkan.admin.security.Access;
import io.inkan.admin.security.Caller;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators look after each other: one unlocks another who locked themselves out. */
@RestController
class OperatorController {
    private final OperatorUnlocks unlocks;

    OperatorController(OperatorUnlocks unlocks) {
        this.unlocks = unlocks;
    }

    @PostMapping("/api/v1/operators/{operatorId}/unlock")
    ResponseEntity<Map<String, String>> unlock(@AuthenticationPrincipal Jwt jwt, @PathVariable String operatorId) {
        Caller caller = Caller.of(jwt);
        Access.requireOperator(caller);
        unlocks.unlock(caller, operatorId);
        return ResponseEntity.accepted().body(Map.of("status", "ACCEPTED"));
    }
}
