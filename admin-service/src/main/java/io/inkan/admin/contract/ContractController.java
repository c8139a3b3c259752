package io.inkan.admin.contract;

import io.inkan.admin.security.Access;
import io.inkan.admin.security.Caller;
import io.inkan.admin.web.RequestValidator;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator routes. Access is checked before the body, so a non-operator learns nothing from a 400. */
@RestController
@RequestMapping("/api/v1/contracts")
class ContractController {
    private final Contracts contracts;
    private final RequestValidator validator;

    ContractController(Contracts contracts, RequestValidator validator) {
        this.contracts = contracts;
        this.validator = validator;
    }

    @PostMapping
    ResponseEntity<Contracts.ContractView> register(
            @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) RegisterContractRequest body) {
        Caller caller = Caller.of(jwt);
        Access.requireOperator(caller);
        Contracts.ContractView created = contracts.register(caller, validator.valid(body));
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + created.contractId()))
                .body(created);
    }

    @PostMapping("/{contractId}/administrators/{adminId}/unlock")
    ResponseEntity<Map<String, String>> unlockAdministrator(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String contractId, @PathVariable String adminId) {
        Caller caller = Caller.of(jwt);
        Access.requireOperator(caller);
        contracts.unlockAdministrator(caller, contractId, adminId);
        return ResponseEntity.accepted().body(Map.of("status", "ACCEPTED"));
    }
}
